import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import type { HeldWindow } from '../../../src/agents/sessions/held-window.js';
import { HeldWindows } from '../../../src/agents/sessions/held-windows.js';
import { type SessionKey, SqliteSessionStore } from '../../../src/agents/sessions/index.js';
import { useSqliteSessionFiles } from '../../support/sqlite-session-files.js';

/** A held window of rows of `chars` characters each. */
function windowOf(...chars: number[]): HeldWindow {
  return {
    generation: 1,
    version: 0,
    nextSeq: chars.length,
    coveredFrom: 0,
    rows: chars.map((n, seq) => ({ seq, startsExchange: true, chars: n, text: 'x'.repeat(n), messages: undefined })),
    window: 40,
    columns: ['c', '{}', 1, 1],
    dataVersion: 1,
  };
}

describe('HeldWindows: bounded by the characters held', () => {
  it('lets go of the least recently used windows beyond the budget, never of the one just used', () => {
    const held = new HeldWindows(11_000);
    held.touch('a', windowOf(2_000));
    held.touch('b', windowOf(2_000, 1_000));
    held.touch('c', windowOf(2_000));
    expect(held.chars).toBe(3 * 1024 + 7_000);
    held.touch('a', held.get('a') as HeldWindow); // `a` used again: `b` is now the oldest
    held.touch('d', windowOf(1_500));
    expect([held.get('a'), held.get('b'), held.get('c'), held.get('d')].map(Boolean)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    // A window over the whole budget is held alone.
    held.touch('big', windowOf(50_000));
    expect(held.size).toBe(1);
    expect(held.get('big')).toBeDefined();
    held.delete('big');
    expect(held.chars).toBe(0);
  });

  it('counts a window again when touched after its rows changed', () => {
    const held = new HeldWindows(100_000);
    const window = windowOf(1_000);
    held.touch('a', window);
    window.rows.push({ seq: 1, startsExchange: true, chars: 500, text: 'y', messages: undefined });
    held.touch('a', window);
    expect(held.chars).toBe(1024 + 1_500);
    held.clear();
    expect([held.chars, held.size]).toEqual([0, 0]);
  });
});

const files = useSqliteSessionFiles('ventros-held-windows-');
const say = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });

describe('SqliteSessionStore under a small held budget', () => {
  it('loads what reading the rows loads while windows come and go', async () => {
    // Room for about two of these windows (~3,000 characters each).
    const store = new SqliteSessionStore({
      path: files.path(),
      retentionMs: Number.POSITIVE_INFINITY,
      heldWindowChars: 8_000,
    });
    const reference = files.open();
    try {
      // Session 0 every other load (held throughout), the four others in turn (let go before their next).
      for (let step = 0; step < 96; step++) {
        const s = step % 2 === 0 ? 0 : 1 + ((step >> 1) % 4);
        const key: SessionKey = { tenantId: 't', contactId: `c${s}`, sessionId: `s${s}` };
        const loaded = await store.load(key, { historyWindow: 10 });
        expect(loaded?.history).toEqual((await reference.load(key, { historyWindow: 10 }))?.history);
        const record = { ...key, state: { step }, createdAt: 1, updatedAt: 1 + step };
        await store.append(record, [say(`${s}.${step} ${'-'.repeat(300)}`), answer(`${s}.${step}`)], {
          maxMessages: 16,
        });
      }
    } finally {
      store.close();
    }
  });
});
