import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import { splitExchanges } from '../../../src/agents/sessions/history-window.js';
import type { SessionKey } from '../../../src/agents/sessions/index.js';
import { useSqliteSessionFiles } from '../../support/sqlite-session-files.js';

// An append records the cap's cut in the session row and deletes the dropped rows only every few
// appends: every read must still see exactly the cut history. The reference is the store's rule
// applied at once (below); a second connection, which holds nothing, reads the rows themselves.

/** The stored rows of one session as an append that deletes its cut at once leaves them. */
class CutAtOnce {
  private rows: Array<{ seq: number; starts: boolean; messages: Message[] }> = [];
  private next = 0;

  append(messages: Message[], max: number): void {
    const first = this.next;
    this.next += messages.length;
    for (const group of splitExchanges(messages)) {
      this.rows.push({ seq: first + group.offset, starts: group.startsExchange, messages: group.messages });
    }
    if (this.next > max) {
      const start = this.rows.find((row) => row.starts && row.seq >= this.next - max);
      const cut = Math.min(first, start?.seq ?? first);
      this.rows = this.rows.filter((row) => row.seq >= cut);
    }
  }

  /** The window: the rows from the first exchange start at or after message `next - window`. */
  load(window = Number.MAX_SAFE_INTEGER): Message[] {
    const at = this.rows.findIndex((row) => row.starts && row.seq >= this.next - window);
    return at === -1 ? [] : this.rows.slice(at).flatMap((row) => row.messages);
  }
}

const files = useSqliteSessionFiles('ventros-trim-');
const open = () => files.open();

const key: SessionKey = { tenantId: 't', contactId: 'c', sessionId: 's' };
const say = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const call = (id: string): Message => ({
  role: 'assistant',
  content: [{ type: 'tool_use', id, name: 'n', input: {} }],
});
const result = (id: string): Message => ({
  role: 'user',
  content: [{ type: 'tool_result', toolUseId: id, toolName: 'n', content: `r ${id}` }],
});

function runOf(n: number): Message[] {
  const messages: Message[] = [];
  // Now and then a resumed run: tool results first, so the append starts inside an exchange.
  if (n % 7 === 3) messages.push(result(`r${n}`), answer(`resumed ${n}`));
  messages.push(say(`message ${n}`));
  for (let r = 0; r < n % 3; r++) messages.push(call(`${n}.${r}`), result(`${n}.${r}`));
  messages.push(answer(`answer ${n}`));
  return messages;
}

describe('SqliteSessionStore: cuts recorded at once, rows deleted in batches', () => {
  it('loads what a store that cuts on every append loads, for any window and varying caps', async () => {
    const store = open();
    const reader = open();
    const reference = new CutAtOnce();
    const caps = [12, 12, 12, 5, 30, 12, 3, 12, Number.POSITIVE_INFINITY, 12];
    for (let run = 0; run < 80; run++) {
      const record = { ...key, state: { run }, createdAt: 1, updatedAt: run + 1 };
      const cap = caps[run % caps.length] as number;
      await store.append(record, runOf(run), { maxMessages: cap });
      reference.append(runOf(run), cap);
      for (const window of [undefined, 2, 5, 12, 40]) {
        const options = window === undefined ? {} : { historyWindow: window };
        const expected = reference.load(window);
        expect((await store.load(key, options))?.history).toEqual(expected);
        expect((await reader.load(key, options))?.history).toEqual(expected);
      }
    }
  });

  it('deletes the dropped rows within a few appends, never the kept ones', async () => {
    const store = open();
    const path = files.path();
    for (let run = 0; run < 60; run++) {
      await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say(`q${run}`), answer(`a${run}`)], {
        maxMessages: 10,
      });
    }
    const db = new Database(path, { readonly: true });
    try {
      const { rows } = db.prepare('SELECT count(*) AS rows FROM agent_session_exchanges').get() as { rows: number };
      // 5 kept exchanges (10 messages), plus at most the appends since the last batch.
      expect(rows).toBeGreaterThanOrEqual(5);
      expect(rows).toBeLessThan(5 + 8);
    } finally {
      db.close();
    }
    expect((await store.load(key))?.history).toHaveLength(10);
  });
});
