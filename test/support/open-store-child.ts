/**
 * Run as a child process by test/servers/store/concurrent-open.test.ts: opens (creating and migrating)
 * one of our SQLite files, then closes it. Exits non-zero, with the error on stderr, if the open fails.
 * Usage: node --import tsx test/support/open-store-child.ts <crm|sessions> <path> <start-at-epoch-ms>
 * Every child waits for the same start time once loaded, so their opens really coincide.
 */
import { SqliteSessionStore } from '../../src/agents/sessions/sqlite-session-store.js';
import { openCrmStore } from '../../src/servers/store/index.js';

const [kind, path, startAt] = process.argv.slice(2);
if (!path || (kind !== 'crm' && kind !== 'sessions')) {
  throw new Error('usage: open-store-child.ts <crm|sessions> <path> <start-at-epoch-ms>');
}
await new Promise((wake) => setTimeout(wake, Math.max(0, Number(startAt) - Date.now())));
if (kind === 'crm') (await openCrmStore({ path })).close();
else new SqliteSessionStore({ path }).close();
