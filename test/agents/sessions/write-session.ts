/**
 * Child-process fixture: writes one session (state and four messages) with a SqliteSessionStore and exits, so a test can read it
 * back from another process (persistence across a restart). Usage: write-session.ts <db path>.
 */
import { SqliteSessionStore } from '../../../src/agents/sessions/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: write-session.ts <db path>');
const store = new SqliteSessionStore({ path });
await store.append(
  {
    tenantId: 'tenant-a',
    contactId: 'contact-1',
    sessionId: 'session-1',
    state: { plan: 'pro', 'temp:scratch': 'not persisted', nested: { score: 0.8 } },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_500,
  },
  [
    { role: 'user', content: [{ type: 'text', text: 'Olá, quero cancelar' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'churn_risk', input: { contact: 'c1' } }] },
    { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', toolName: 'churn_risk', content: 'high' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Posso oferecer 20%.' }] },
  ],
);
store.close();
process.stdout.write('saved\n');
