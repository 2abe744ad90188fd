import type { Database } from 'better-sqlite3';

/** Which call a stored result belongs to (structurally the framework's `IdempotencyScope`). */
export interface IdempotencyRowKey {
  tenantId: string;
  tool: string;
  key: string;
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
  const find = (scope: IdempotencyRowKey): Record<string, unknown> | undefined => {
    const row = findStmt.get(scope.tenantId, scope.tool, scope.key) as { result: string } | undefined;
    return row ? (JSON.parse(row.result) as Record<string, unknown>) : undefined;
  };
  return {
    find,
    save(scope: IdempotencyRowKey, result: Record<string, unknown>): Record<string, unknown> {
      const inserted = insertStmt.run(
        scope.tenantId,
        scope.tool,
        scope.key,
        JSON.stringify(result),
        new Date().toISOString(),
      );
      return inserted.changes > 0 ? result : (find(scope) ?? result);
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
