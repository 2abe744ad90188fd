import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import type { SessionKey } from '../../../src/agents/sessions/index.js';
import { useSqliteSessionFiles } from '../../support/sqlite-session-files.js';

// The window a store holds between runs (held-window.ts) must give every load exactly what reading the
// rows gives: a second connection to the same file, which holds nothing of its own, is the reference.

const files = useSqliteSessionFiles('ventros-held-');
const open = () => files.open();

const key: SessionKey = { tenantId: 't', contactId: 'c', sessionId: 's' };
const say = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const call = (id: string): Message => ({
  role: 'assistant',
  content: [{ type: 'tool_use', id, name: 'churn_risk', input: { n: id } }],
});
const result = (id: string): Message => ({
  role: 'user',
  content: [{ type: 'tool_result', toolUseId: id, toolName: 'churn_risk', content: `risk ${id}` }],
});

/** A deterministic run transcript: an exchange with 0–3 tool rounds, or (resumed runs) tool results first. */
function runOf(n: number, random: () => number): Message[] {
  const messages: Message[] = [];
  if (random() < 0.15) messages.push(result(`r${n}`), answer(`resumed ${n}`));
  messages.push(say(`message ${n}`));
  const rounds = Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) messages.push(call(`${n}.${r}`), result(`${n}.${r}`));
  messages.push(answer(`answer ${n}`));
  return messages;
}

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('SqliteSessionStore: the window a process holds', () => {
  it('loads what reading the rows loads, run after run, across windows and caps', async () => {
    for (const [max, windows] of [
      [12, [8]],
      [30, [10, 0, 10, 25]],
      [Number.POSITIVE_INFINITY, [6, 40]],
      [5, [5, 3]],
      // Windows wider than the cap: what the append cut must be cut from what is held as well.
      [5, [40, 3]],
      [12, [100]],
    ] as const) {
      const random = prng(max === Number.POSITIVE_INFINITY ? 7 : max + windows.length);
      const store = open();
      const reference = open();
      const session = { ...key, sessionId: `s-${max}`, state: {}, createdAt: 1, updatedAt: 1 };
      for (let run = 0; run < 60; run++) {
        const window = windows[run % windows.length] as number;
        const loaded = await store.load(session, { historyWindow: window });
        const expected = await reference.load(session, { historyWindow: window });
        expect(loaded).toEqual(expected);
        await store.append({ ...session, updatedAt: run + 2 }, runOf(run, random), { maxMessages: max });
      }
      // The whole history as well, after all those appends and cuts.
      expect(await store.load(session)).toEqual(await reference.load(session));
    }
  });

  it("reads another instance's append instead of the rows it holds", async () => {
    const store = open();
    const other = open();
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('one'), answer('um')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('one'), answer('um')]);
    await store.append({ ...key, state: { n: 1 }, createdAt: 1, updatedAt: 2 }, [say('two'), answer('dois')]);
    // Same timestamps, same number of messages: only the version tells the two writes apart.
    await other.append({ ...key, state: { n: 2 }, createdAt: 1, updatedAt: 2 }, [say('três'), answer('três')]);
    const loaded = await store.load(key, { historyWindow: 40 });
    expect(loaded?.history).toEqual([
      say('one'),
      answer('um'),
      say('two'),
      answer('dois'),
      say('três'),
      answer('três'),
    ]);
    expect(loaded?.state).toEqual({ n: 2 });
    // Its own append after that one is held again, and loads as the rows do.
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 3 }, [say('four'), answer('quatro')]);
    expect(await store.load(key, { historyWindow: 4 })).toEqual(await other.load(key, { historyWindow: 4 }));
  });

  it('reads rows another instance cut without adding any (the version changed, nothing else did)', async () => {
    const store = open();
    const other = open();
    const history = [say('one'), answer('um'), say('two'), answer('dois'), say('three'), answer('três')];
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, history);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual(history);
    // An empty append with a cap of 2 drops the older exchanges; next_seq and updated_at stay as they were.
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [], { maxMessages: 2 });
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual(history.slice(4));
    // The same through an append of this store's own made after the other one's.
    await store.load(key, { historyWindow: 40 });
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [], { maxMessages: 0 });
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('four')], { maxMessages: 100 });
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('four')]);
  });

  it('reads a session another instance deleted and wrote again with the same numbering and timestamps', async () => {
    const store = open();
    const other = open();
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('one'), answer('um')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('one'), answer('um')]);
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('two'), answer('dois')]);
    await other.delete(key);
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('uno'), answer('uno')]);
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('dos'), answer('dos')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([
      say('uno'),
      answer('uno'),
      say('dos'),
      answer('dos'),
    ]);
    // Deleted (or pruned) elsewhere: gone here too.
    await other.delete(key);
    expect(await store.load(key, { historyWindow: 40 })).toBeUndefined();
  });

  it('keeps sessions and tenants apart: a write to one never shows in what is held of another', async () => {
    const store = open();
    const other = open();
    const keys: SessionKey[] = [key, { ...key, sessionId: 's2' }, { ...key, tenantId: 't2' }];
    for (const k of keys) {
      await store.append({ ...k, state: {}, createdAt: 1, updatedAt: 1 }, [say(`${k.tenantId}/${k.sessionId}`)]);
      await store.load(k, { historyWindow: 40 });
    }
    await store.append({ ...keys[1], state: {}, createdAt: 1, updatedAt: 2 } as never, [answer('s2 only')]);
    await other.append({ ...keys[2], state: {}, createdAt: 1, updatedAt: 2 } as never, [answer('t2 only')]);
    for (const k of keys) {
      expect(await store.load(k, { historyWindow: 40 })).toEqual(await other.load(k, { historyWindow: 40 }));
    }
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('t/s')]);
  });

  // While no other connection commits (PRAGMA data_version), a load reads nothing: the columns too
  // are the ones its own append wrote.
  it('loads the session row its own appends wrote: contact, state without temp: keys, the first createdAt', async () => {
    const store = open();
    const reader = open();
    await store.append({ ...key, state: { a: 1 }, createdAt: 5, updatedAt: 6 }, [say('one')]);
    await store.load(key, { historyWindow: 40 });
    const record = { ...key, contactId: 'c2', state: { b: 'é', 'temp:x': 1 }, createdAt: 99, updatedAt: 7.5 };
    await store.append(record, [answer('um')]);
    const loaded = await store.load(key, { historyWindow: 40 });
    expect(loaded).toEqual(await reader.load(key, { historyWindow: 40 }));
    expect(loaded).toMatchObject({ contactId: 'c2', state: { b: 'é' }, createdAt: 5, updatedAt: 7.5 });
    // A fresh state object each load: the run may change it.
    (loaded?.state as Record<string, unknown>)['b'] = 'changed';
    expect((await store.load(key, { historyWindow: 40 }))?.state).toEqual({ b: 'é' });
  });

  it('holds the rows of an append of messages a load rejects, and loads them as corrupt', async () => {
    const store = open();
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('one')]);
    await store.load(key, { historyWindow: 40 });
    const malformed = { role: 'system', content: 'x' } as unknown as Message;
    await expect(store.append({ ...key, state: {}, createdAt: 1, updatedAt: 2 }, [malformed])).resolves.toBeUndefined();
    await expect(store.load(key, { historyWindow: 40 })).rejects.toMatchObject({ code: 'session_corrupt' });
    await expect(open().load(key, { historyWindow: 40 })).rejects.toMatchObject({ code: 'session_corrupt' });
  });

  it("hands the next load the run's own messages when they read back as themselves, else what the rows give", async () => {
    const store = open();
    const reader = open();
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('zero')]);
    await store.load(key, { historyWindow: 40 });
    const plain = [say('one'), call('c1'), result('c1'), answer('um')];
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 2 }, plain);
    const loaded = await store.load(key, { historyWindow: 40 });
    expect(loaded?.history.slice(1)).toEqual(plain);
    for (const [i, message] of (loaded?.history.slice(1) ?? []).entries()) expect(message).toBe(plain[i]);
    // An undefined key, and a key besides role and content: the load gives what the text gives.
    const odd: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'two', signature: undefined }] },
      { ...answer('dois'), note: 'x' } as Message,
    ];
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 3 }, odd);
    const again = await store.load(key, { historyWindow: 40 });
    expect(again?.history).toStrictEqual((await reader.load(key, { historyWindow: 40 }))?.history);
    expect(again?.history.slice(-2)).toStrictEqual([say('two'), answer('dois')]);
  });

  it('finds a session it pruned itself gone (its own deletes leave the data version as it was)', async () => {
    const store = files.open({ retentionMs: 60_000 });
    const now = Date.now();
    await store.append({ ...key, state: {}, createdAt: now - 120_000, updatedAt: now - 120_000 }, [say('old')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('old')]);
    expect(await store.prune(now)).toBe(1);
    expect(await store.load(key, { historyWindow: 40 })).toBeUndefined();
  });

  it('sees the write of another connection to any session, then holds again', async () => {
    const store = open();
    const other = open();
    const second = { ...key, sessionId: 's2' };
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('one')]);
    await store.load(key, { historyWindow: 40 });
    await other.append({ ...second, state: {}, createdAt: 1, updatedAt: 1 }, [say('elsewhere')]);
    await other.append({ ...key, state: { by: 'other' }, createdAt: 1, updatedAt: 2 }, [answer('um')]);
    expect(await store.load(key, { historyWindow: 40 })).toMatchObject({
      state: { by: 'other' },
      history: [say('one'), answer('um')],
    });
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 3 }, [say('two')]);
    expect(await store.load(key, { historyWindow: 40 })).toEqual(await other.load(key, { historyWindow: 40 }));
  });
});
