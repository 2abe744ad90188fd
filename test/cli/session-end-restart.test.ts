import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, builtinHostConfig, type CreateAppOptions, createApp } from '../../src/cli/create-app.js';

const TENANT = 'tenant-demo';
const CONTACT = 'contact-carlos';

/** Resolves once `check` holds, polling; the test's own timeout bounds it (no timed assertion). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Session summaries stored for `sessionId` (the local add_session writes one per session, once). */
function summariesOf(app: App, sessionId: string) {
  return app.deps.store.memories
    .listRecent(TENANT, { contactId: CONTACT, types: ['session_summary'] }, 200)
    .filter((m) => m.content.includes(`Session ${sessionId} `));
}

describe('add_session for a conversation pending when the process stopped', () => {
  // One data dir (SQLite sessions, the CRM store with its memories) across two processes' apps.
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-restart-'));
  const open = (options: Partial<CreateAppOptions>) =>
    createApp({
      hostConfig: builtinHostConfig(),
      env: { VENTROS_MODEL: 'offline' },
      dataDir,
      seedIfEmpty: true,
      ...options,
    });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is ended by the next start, once; a staff run in the store is not', async () => {
    const before = await open({ sessionIdleMs: 3_600_000 });
    try {
      await before.execute({
        agent: 'retention_churn',
        message: 'Quero cancelar, está caro demais',
        tenantId: TENANT,
        contactId: CONTACT,
        sessionId: 'sess-restart-1',
        audience: 'customer',
      });
      await before.execute({
        agent: 'retention_churn',
        message: 'Resumo do Carlos',
        tenantId: TENANT,
        contactId: CONTACT,
        sessionId: 'sess-staff-1',
      });
      expect(before.sessionEnds.stats().open).toBe(1);
      expect(summariesOf(before, 'sess-restart-1')).toHaveLength(0);
    } finally {
      await before.close(); // the open conversation's idle clock stops with it
    }

    // The next start, as `ventros serve`: a short idle, so the conversation's idle end is due within seconds.
    const after = await open({ sessionIdleMs: 2_000, resumeSessionEnds: true });
    try {
      await until(() => after.sessionEnds.stats().added + after.sessionEnds.stats().skipped === 2);
      await after.sessionEnds.drain();
      expect(summariesOf(after, 'sess-restart-1')).toHaveLength(1);
      expect(summariesOf(after, 'sess-staff-1')).toHaveLength(0);
      expect(after.sessionEnds.stats()).toMatchObject({ open: 0, resumed: 2, added: 1, skipped: 1, failed: 0 });
    } finally {
      await after.close();
    }
  }, 60_000);
});
