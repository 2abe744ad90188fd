import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/crm-store.js';

// ErrorLogRepository.listByContact writes the limit into its query (a bound LIMIT re-ran the planner's
// work on every call): the rows and their order must be those of the query with a bound limit.

const T = 't1';
let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-error-log-limit-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(T, { name: T, locale: 'pt-BR', currency: 'BRL' });
  store.contacts.upsert(T, { id: 'c1', name: 'Ana' });
  const levels = ['warning', 'error', 'critical'] as const;
  for (let i = 0; i < 30; i++) {
    store.crm.errorLogs.create(T, {
      id: `err-${String(i).padStart(2, '0')}`,
      contact_id: 'c1',
      component: i % 2 === 0 ? 'whatsapp' : 'billing',
      level: levels[i % 3] ?? 'error',
      code: `CODE_${i}`,
      message: `falha ${i}`,
      // Pairs share a time: the order of ties must not change either.
      occurred_at: new Date(Date.UTC(2026, 10, 1 + Math.floor(i / 2))).toISOString(),
    });
  }
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The query as it was, with the limit bound. */
function withBoundLimit(query: { since: string; component?: string; minRank: number; limit: number }) {
  return store.db
    .prepare(`SELECT id, contact_id, component, level, code, message, occurred_at
    FROM error_logs
    WHERE tenant_id = @tenant_id AND contact_id = @contact_id AND occurred_at >= @since
      AND (@component IS NULL OR component = @component)
      AND (CASE level WHEN 'warning' THEN 0 WHEN 'error' THEN 1 ELSE 2 END) >= @min_rank
    ORDER BY occurred_at DESC LIMIT @limit`)
    .all({
      tenant_id: T,
      contact_id: 'c1',
      since: query.since,
      component: query.component ?? null,
      min_rank: query.minRank,
      limit: query.limit,
    });
}

describe('ErrorLogRepository.listByContact', () => {
  it('answers the rows, in the order, of the query with a bound limit', () => {
    const levels = ['warning', 'error', 'critical'] as const;
    for (const limit of [1, 2, 3, 7, 20, 50, 100, 101, 5000]) {
      for (const component of [undefined, 'billing']) {
        for (const [minRank, minLevel] of levels.entries()) {
          const since = '2026-11-04T00:00:00.000Z';
          const rows = store.crm.errorLogs.listByContact(T, 'c1', { since, component, minLevel, limit });
          expect(rows, `${limit} ${component} ${minLevel}`).toEqual(
            withBoundLimit({ since, ...(component ? { component } : {}), minRank, limit }),
          );
        }
      }
    }
  });
});
