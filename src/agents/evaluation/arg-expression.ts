/**
 * A tiny, safe expression language over tool arguments — parsed by hand, never `eval()`:
 *
 *   create_retention_offer.discount_percent <= 30
 *   escalate_to_supervisor.severity >= 8
 *   update_pipeline_stage.stage_id == 'won'
 *   get_leads_count.period in ['today', 'yesterday']
 *   create_ticket.category matches /billing|cobran/i
 *   exists create_follow_up_task.due_at
 *   not exists assign_to_agent.agent_id
 *
 * The first segment names the tool; the rest is a path into its arguments (`a.b`, `a[0]`). An
 * expression holds for a run when it holds for every call of that tool (attempts included); a tool
 * that was not called makes it hold vacuously (say in the trajectory that it must be called).
 */

export type Literal = number | string | boolean | null;
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ArgExpression =
  | { kind: 'exists'; tool: string; path: Array<string | number>; negated: boolean; source: string }
  | { kind: 'compare'; tool: string; path: Array<string | number>; op: ComparisonOp; value: Literal; source: string }
  | { kind: 'in'; tool: string; path: Array<string | number>; values: Literal[]; source: string }
  | { kind: 'matches'; tool: string; path: Array<string | number>; pattern: RegExp; source: string };

/** A malformed expression; `message` says what was expected where. */
export class ArgExpressionSyntaxError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const OPS: readonly ComparisonOp[] = ['==', '!=', '<=', '>=', '<', '>'];

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }
  rest(): string {
    this.skip();
    return this.text.slice(this.pos);
  }
  fail(expected: string): never {
    const near = this.rest().slice(0, 20) || 'the end';
    throw new ArgExpressionSyntaxError(`expected ${expected} at "${near}" in \`${this.text}\``);
  }
  take(re: RegExp): string | undefined {
    const match = re.exec(this.rest());
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }
  keyword(word: string): boolean {
    return this.take(new RegExp(`^${word}\\b`)) !== undefined;
  }
}

function parsePath(c: Cursor): { tool: string; path: Array<string | number> } {
  const tool = c.take(IDENT) ?? c.fail('a tool name');
  const path: Array<string | number> = [];
  for (;;) {
    if (c.take(/^\./)) path.push(c.take(IDENT) ?? c.fail('an argument name after "."'));
    else if (c.take(/^\[/)) {
      path.push(Number(c.take(/^\d+/) ?? c.fail('an index')));
      if (!c.take(/^\]/)) c.fail('"]"');
    } else break;
  }
  if (path.length === 0) c.fail('"." and an argument name after the tool name');
  return { tool, path };
}

function parseLiteral(c: Cursor): Literal {
  const number = c.take(NUMBER);
  if (number !== undefined) return Number(number);
  const quoted = c.take(/^'(?:[^'\\]|\\.)*'|^"(?:[^"\\]|\\.)*"/);
  if (quoted !== undefined) return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
  if (c.keyword('true')) return true;
  if (c.keyword('false')) return false;
  if (c.keyword('null')) return null;
  return c.fail('a number, a quoted string, true, false or null');
}

/**
 * Parses one expression. Throws {@link ArgExpressionSyntaxError} saying what was expected where.
 *
 * @example
 * parseArgExpression('create_retention_offer.discount_percent <= 30')
 * // → { kind: 'compare', tool: 'create_retention_offer', path: ['discount_percent'], op: '<=', value: 30, … }
 */
export function parseArgExpression(source: string): ArgExpression {
  const c = new Cursor(source.trim());
  let result: ArgExpression;
  const negated = c.keyword('not');
  if (c.keyword('exists')) {
    result = { kind: 'exists', ...parsePath(c), negated, source };
  } else {
    if (negated) c.fail('"exists" after "not"');
    const target = parsePath(c);
    if (c.keyword('in')) {
      if (!c.take(/^\[/)) c.fail('"[" after "in"');
      const values: Literal[] = [parseLiteral(c)];
      while (c.take(/^,/)) values.push(parseLiteral(c));
      if (!c.take(/^\]/)) c.fail('"," or "]"');
      result = { kind: 'in', ...target, values, source };
    } else if (c.keyword('matches')) {
      const literal = c.take(/^\/(?:[^/\\]|\\.)+\/[a-z]*/) ?? c.fail('a /regular expression/ after "matches"');
      const end = literal.lastIndexOf('/');
      try {
        result = {
          kind: 'matches',
          ...target,
          pattern: new RegExp(literal.slice(1, end), literal.slice(end + 1)),
          source,
        };
      } catch (error) {
        throw new ArgExpressionSyntaxError(`invalid regular expression ${literal}: ${(error as Error).message}`);
      }
    } else {
      const op = OPS.find((o) => c.take(new RegExp(`^${o.replace(/[<>=!]/g, '\\$&')}`)));
      if (!op) return c.fail('an operator (==, !=, <, <=, >, >=, in, matches)');
      result = { kind: 'compare', ...target, op, value: parseLiteral(c), source };
    }
  }
  if (c.rest() !== '') c.fail('the end of the expression');
  return result;
}

/** The value at `path` in `args`, or undefined. */
export function valueAt(args: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = args;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function compare(actual: unknown, op: ComparisonOp, expected: Literal): boolean {
  if (op === '==' || op === '!=') {
    const n = asNumber(actual);
    const equal = typeof expected === 'number' && n !== undefined ? n === expected : actual === expected;
    return op === '==' ? equal : !equal;
  }
  const a = asNumber(actual);
  if (a === undefined || typeof expected !== 'number') return false;
  switch (op) {
    case '<':
      return a < expected;
    case '<=':
      return a <= expected;
    case '>':
      return a > expected;
    default:
      return a >= expected;
  }
}

/** Whether the expression holds for one call's arguments, with the value it read (for the report). */
export function holdsFor(expression: ArgExpression, args: unknown): { holds: boolean; actual: unknown } {
  const actual = valueAt(args, expression.path);
  switch (expression.kind) {
    case 'exists':
      return { holds: (actual !== undefined) !== expression.negated, actual };
    case 'compare':
      return { holds: compare(actual, expression.op, expression.value), actual };
    case 'in':
      return { holds: expression.values.some((v) => compare(actual, '==', v)), actual };
    case 'matches':
      return { holds: typeof actual === 'string' && expression.pattern.test(actual), actual };
  }
}
