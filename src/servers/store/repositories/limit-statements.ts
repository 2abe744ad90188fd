/**
 * One prepared statement per LIMIT value, the value written into the query's text. On this SQLite
 * (3.53, built with STAT4) a bound LIMIT (`LIMIT ?`, `LIMIT @limit`) makes the statement plan itself
 * again on every run: measured +4 to +25 µs a run, often more than the query. A limit that is not an
 * integer in 0..maxLiteral is bound as before (`bound: true`: pass it as the statement's parameter).
 *
 * @example
 * const recent = limitStatements((limit) => db.prepare(`SELECT … ORDER BY created_at DESC LIMIT ${limit}`), '?');
 * const { statement, bound } = recent(20);
 * bound ? statement.all(tenantId, 20) : statement.all(tenantId);
 */
export function limitStatements<S>(
  prepare: (limit: string) => S,
  placeholder: string,
  maxLiteral = DEFAULT_MAX_LITERAL,
): (limit: number) => { statement: S; bound: boolean } {
  const literal = new Map<number, S>();
  let boundStatement: S | undefined;
  return (limit) => {
    if (Number.isSafeInteger(limit) && limit >= 0 && limit <= maxLiteral) {
      let statement = literal.get(limit);
      if (statement === undefined) {
        statement = prepare(String(limit));
        literal.set(limit, statement);
      }
      return { statement, bound: false };
    }
    boundStatement ??= prepare(placeholder);
    return { statement: boundStatement, bound: true };
  };
}

/** Limits written into a query's text at most (each distinct one is a prepared statement). */
const DEFAULT_MAX_LITERAL = 100;
