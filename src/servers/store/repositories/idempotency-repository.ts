import type { Database } from 'better-sqlite3';

/** Which call a stored result belongs to (structurally the framework's `IdempotencyScope`). */
export interface IdempotencyRowKey {
  tenantId: string;
  tool: string;
  key: string;
}

/** Thrown inside `saveWith`'s transaction to roll the write back when another call recorded the key first. */
class RecordedMeanwhile extends Error {
  constructor(readonly result: Record<string, unknown>) {
    super('idempotency key recorded meanwhile');
  }
}

/**
 * Results of writing tools by idempotency key (`tool_idempotency`). The first `save` of a key wins:
 * several processes sharing the file (WAL) that race on one key all return the first result.
 */
export function createIdempotencyRepository(db: Database) {
  const findStmt = db.prepare('SELECT result FROM tool_idempotency WHERE tenant_id = ? AND tool = ? AND key = ?');
  const insertStmt = db.prepare(
    'INSERT INTO tool_idempotency (tenant_id, tool, key, result, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const pruneStmt = db.prepare('DELETE FROM tool_idempotency WHERE created_at < ?');
  const deleteTenantStmt = db.prepare('DELETE FROM tool_idempotency WHERE tenant_id = ?');
  const beginStmt = db.prepare('BEGIN IMMEDIATE');
  const commitStmt = db.prepare('COMMIT');
  const rollbackStmt = db.prepare('ROLLBACK');
  const find = (scope: IdempotencyRowKey): Record<string, unknown> | undefined => {
    const row = findStmt.get(scope.tenantId, scope.tool, scope.key) as { result: string } | undefined;
    return row ? (JSON.parse(row.result) as Record<string, unknown>) : undefined;
  };
  const insert = (scope: IdempotencyRowKey, result: Record<string, unknown>): boolean =>
    insertStmt.run(scope.tenantId, scope.tool, scope.key, JSON.stringify(result), new Date().toISOString()).changes > 0;
  // IMMEDIATE: the write takes the write lock first, so a concurrent writer waits (busy_timeout) instead
  // of failing the upgrade of a read transaction; a nested transaction of `write` becomes a savepoint.
  const writeAndRecord = db.transaction(
    (scope: IdempotencyRowKey, write: () => Record<string, unknown>): Record<string, unknown> => {
      const result = write();
      if (insert(scope, result)) return result;
      // Another process recorded this key meanwhile: undo this write, answer its result.
      throw new RecordedMeanwhile(find(scope) ?? result);
    },
  ).immediate;
  return {
    find,
    save(scope: IdempotencyRowKey, result: Record<string, unknown>): Record<string, unknown> {
      return insert(scope, result) ? result : (find(scope) ?? result);
    },
    /**
     * Runs `write` (synchronous) and records its result in one transaction: one commit, and the write is
     * kept exactly when its record is. When the key was recorded meanwhile, the write rolls back and the
     * recorded result is returned. Inside an open transaction it nests (a savepoint): the outer commit decides.
     */
    saveWith(scope: IdempotencyRowKey, write: () => Record<string, unknown>): Record<string, unknown> {
      try {
        return writeAndRecord(scope, write);
      } catch (error) {
        if (error instanceof RecordedMeanwhile) return error.result;
        throw error;
      }
    },
    /**
     * Runs `fn` (synchronous) in one IMMEDIATE transaction (the write lock first: no upgrade of a read to
     * fail), committed when `fn` returns or throws — its statements would each have committed on their
     * own. Inside an open transaction, `fn` simply runs in it.
     */
    inOneTransaction<T>(fn: () => T): T {
      if (db.inTransaction) return fn();
      beginStmt.run();
      try {
        return fn();
      } finally {
        // A failed statement may have rolled the transaction back already.
        if (db.inTransaction) {
          try {
            commitStmt.run();
          } catch (error) {
            if (db.inTransaction) rollbackStmt.run();
            // biome-ignore lint/correctness/noUnsafeFinally: a failed commit must fail the call
            throw error;
          }
        }
      }
    },
    /** Deletes results recorded before `before` (ISO time); returns how many went. */
    prune(before: string): number {
      return pruneStmt.run(before).changes;
    },
    deleteTenant(tenantId: string): void {
      deleteTenantStmt.run(tenantId);
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
