import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import { textOf } from '../../../src/agents/model/index.js';
import {
  historyWindow,
  type SessionKey,
  type SessionRecord,
  type SessionStore,
} from '../../../src/agents/sessions/index.js';

/** One test's database, and the stores opened over it. */
export interface SessionStoreHarness {
  /** Another store instance over this test's database (its own connection or pool: another "instance"). */
  open(options?: { retentionMs?: number }): SessionStore;
  /** Closes every store `open` returned and removes the database. */
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const toolUse = (id: string): Message => ({
  role: 'assistant',
  content: [{ type: 'tool_use', id, name: 'churn_risk', input: { contact: 'c1' } }],
});
const toolResult = (id: string): Message => ({
  role: 'user',
  content: [{ type: 'tool_result', toolUseId: id, toolName: 'churn_risk', content: 'high' }],
});

function record(key: Partial<SessionRecord> = {}, at = Date.now()): SessionRecord {
  return { tenantId: 't', contactId: 'c', sessionId: 's', state: {}, createdAt: at, updatedAt: at, ...key };
}

const texts = (history: readonly Message[] | undefined) =>
  (history ?? []).map((m) => (m.content[0]?.type === 'text' ? textOf(m.content) : m.content[0]?.type));

/**
 * The behaviour every `SessionStore` must have, run against each implementation (SQLite, PostgreSQL, in
 * memory) by its own test file with a factory for fresh databases.
 */
export function sessionStoreContract(name: string, setup: () => Promise<SessionStoreHarness>): void {
  describe(`${name} (SessionStore contract)`, () => {
    let db: SessionStoreHarness;
    beforeEach(async () => {
      db = await setup();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    it('appends messages and loads them back with the state, without temp: keys', async () => {
      const store = db.open();
      const session = record({ state: { plan: 'pro', nested: { score: 0.8 }, 'temp:x': 1 } }, 1_700_000_000_123);
      await store.append(session, [user('Olá, quero cancelar'), assistant('Posso oferecer 20%.')]);
      const loaded = await store.load({ tenantId: 't', contactId: 'c', sessionId: 's' });
      expect(loaded).toEqual({
        tenantId: 't',
        contactId: 'c',
        sessionId: 's',
        state: { plan: 'pro', nested: { score: 0.8 } },
        history: [user('Olá, quero cancelar'), assistant('Posso oferecer 20%.')],
        createdAt: 1_700_000_000_123,
        updatedAt: 1_700_000_000_123,
      });
      // What was stored does not change when the caller keeps mutating its objects.
      session.state.plan = 'basic';
      expect((await store.load(session))?.state.plan).toBe('pro');
    });

    it('a later append adds after the earlier messages and replaces contact, state and updatedAt', async () => {
      const store = db.open();
      await store.append(record({ state: { step: 1 } }, 1_000), [user('one'), assistant('a1')]);
      await store.append(
        record({ contactId: 'c2', state: { step: 2, lang: 'pt' }, createdAt: 5_000, updatedAt: 6_000 }),
        [user('two'), assistant('a2')],
      );
      const loaded = await store.load({ tenantId: 't', contactId: 'c', sessionId: 's' });
      expect(texts(loaded?.history)).toEqual(['one', 'a1', 'two', 'a2']);
      expect(loaded).toMatchObject({
        contactId: 'c2',
        state: { step: 2, lang: 'pt' },
        createdAt: 1_000,
        updatedAt: 6_000,
      });
      expect(Object.keys(loaded?.state ?? {})).toEqual(['step', 'lang']);
    });

    it('keeps message text byte for byte (accents, quotes, backslashes, emoji, control characters)', async () => {
      const store = db.open();
      const odd = 'Olá "João" \\ 🚀 \n\t \u0000 \u2028 <b>&amp;</b>';
      await store.append(record({ state: { note: odd } }), [user(odd), assistant(odd)]);
      const loaded = await store.load(record());
      expect(loaded?.history).toEqual([user(odd), assistant(odd)]);
      expect(loaded?.state.note).toBe(odd);
    });

    it('loads the window the run needs: the last N messages, moved forward to the start of an exchange', async () => {
      const store = db.open();
      // Appended in three runs; the second ends in a tool exchange.
      const runs: Message[][] = [
        [user('u1'), assistant('a1')],
        [user('u2'), toolUse('t1'), toolResult('t1'), assistant('a2')],
        [user('u3'), toolUse('t2'), toolResult('t2'), toolUse('t3'), toolResult('t3'), assistant('a3')],
      ];
      for (const messages of runs) await store.append(record(), messages);
      const full = runs.flat();
      const whole = await store.load(record());
      expect(whole?.history).toEqual(full);
      expect(whole?.historyLimit).toBeUndefined();
      for (let n = 0; n <= full.length + 2; n++) {
        const loaded = await store.load(record(), { historyWindow: n });
        expect(loaded?.history, `window of ${n}`).toEqual(historyWindow(full, n));
        expect(loaded?.historyLimit).toBe(n);
        // Never starts at a tool_result or an assistant turn.
        const first = loaded?.history[0];
        if (first) expect(first.role === 'user' && first.content[0]?.type === 'text').toBe(true);
      }
      // A window inside one long tool exchange holds no exchange start: it is empty, not orphaned.
      expect((await store.load(record(), { historyWindow: 5 }))?.history).toEqual([]);
    });

    it('keeps at most maxMessages per session, cut at an exchange boundary; the append itself stays whole', async () => {
      const store = db.open();
      for (const n of [0, 1, 2, 3])
        await store.append(record(), [user(`m${n}`), assistant(`a${n}`)], { maxMessages: 5 });
      expect(texts((await store.load(record()))?.history)).toEqual(['m2', 'a2', 'm3', 'a3']);

      // A tool exchange is never split: the cut moves forward to the next user turn.
      await store.append(record(), [user('m4'), toolUse('x'), toolResult('x'), assistant('a4')], { maxMessages: 5 });
      expect(texts((await store.load(record()))?.history)).toEqual(['m4', 'tool_use', 'tool_result', 'a4']);

      // One append longer than the cap is kept whole, and cut by the next one.
      const long = [user('m5'), toolUse('y'), toolResult('y'), toolUse('z'), toolResult('z'), assistant('a5')];
      await store.append(record(), long, { maxMessages: 5 });
      expect(texts((await store.load(record()))?.history)).toEqual(texts(long));
      await store.append(record(), [user('m6'), assistant('a6')], { maxMessages: 5 });
      expect(texts((await store.load(record()))?.history)).toEqual(['m6', 'a6']);
    });

    it('keeps 200 messages by default', async () => {
      const store = db.open();
      for (let run = 0; run < 11; run++) {
        const messages = Array.from({ length: 10 }, (_, i) => [user(`u${run}.${i}`), assistant(`a${run}.${i}`)]).flat();
        await store.append(record(), messages);
      }
      const history = (await store.load(record()))?.history ?? [];
      expect(history).toHaveLength(200);
      expect(texts(history.slice(0, 2))).toEqual(['u1.0', 'a1.0']);
      expect(texts(history.slice(-1))).toEqual(['a10.9']);
    });

    it('keeps tenants apart: the same session id in another tenant is another session', async () => {
      const store = db.open();
      await store.append(record({ tenantId: 't1', state: { who: 't1' } }), [user('from t1')]);
      await store.append(record({ tenantId: 't2', state: { who: 't2' } }), [user('from t2')]);
      const one = await store.load({ tenantId: 't1', contactId: 'c', sessionId: 's' });
      const two = await store.load({ tenantId: 't2', contactId: 'c', sessionId: 's' });
      expect([one?.state.who, texts(one?.history)]).toEqual(['t1', ['from t1']]);
      expect([two?.state.who, texts(two?.history)]).toEqual(['t2', ['from t2']]);
      expect(await store.load({ tenantId: 't3', contactId: 'c', sessionId: 's' })).toBeUndefined();
      expect(await store.list('t3')).toEqual([]);
      await store.delete({ tenantId: 't1', contactId: 'c', sessionId: 's' });
      expect(await store.load({ tenantId: 't1', contactId: 'c', sessionId: 's' })).toBeUndefined();
      expect(texts((await store.load({ tenantId: 't2', contactId: 'c', sessionId: 's' }))?.history)).toEqual([
        'from t2',
      ]);
    });

    it("lists a tenant's sessions, or one contact's, most recently updated first", async () => {
      const store = db.open();
      await store.append(record({ contactId: 'c1', sessionId: 'a' }, 1), [user('x')]);
      await store.append(record({ contactId: 'c2', sessionId: 'b' }, 2), [user('x')]);
      await store.append(record({ tenantId: 'other', contactId: 'c1', sessionId: 'a' }, 3), [user('x')]);
      await store.append(record({ contactId: 'c1', sessionId: 'a', createdAt: 1, updatedAt: 10 }), [user('y')]);
      const key = (contactId: string, sessionId: string): SessionKey => ({ tenantId: 't', contactId, sessionId });
      expect(await store.list('t')).toEqual([key('c1', 'a'), key('c2', 'b')]);
      expect(await store.list('t', 'c2')).toEqual([key('c2', 'b')]);
      expect(await store.list('t', 'nobody')).toEqual([]);
    });

    it('lists the sessions of every tenant updated since an instant, most recent first, at most N', async () => {
      const store = db.open();
      const now = Date.now();
      await store.append(record({ contactId: 'c1', sessionId: 'old' }, now - 10_000), [user('x')]);
      await store.append(record({ contactId: 'c2', sessionId: 'a' }, now - 3_000), [user('x')]);
      await store.append(record({ tenantId: 'other', contactId: 'c3', sessionId: 'b' }, now - 2_000), [user('x')]);
      await store.append(record({ contactId: 'c1', sessionId: 'c', createdAt: now - 5_000, updatedAt: now - 1_000 }), [
        user('y'),
      ]);
      const activity = (tenantId: string, contactId: string, sessionId: string, ago: number) => ({
        tenantId,
        contactId,
        sessionId,
        updatedAt: now - ago,
      });
      expect(await store.listUpdatedSince?.(now - 3_000, 10)).toEqual([
        activity('t', 'c1', 'c', 1_000),
        activity('other', 'c3', 'b', 2_000),
        activity('t', 'c2', 'a', 3_000),
      ]);
      expect(await store.listUpdatedSince?.(now - 60_000, 2)).toEqual([
        activity('t', 'c1', 'c', 1_000),
        activity('other', 'c3', 'b', 2_000),
      ]);
      expect(await store.listUpdatedSince?.(now, 10)).toEqual([]);
    });

    it('deletes a session with its history: the same id starts afresh', async () => {
      const store = db.open();
      await store.append(record({ state: { old: true } }), [user('old'), assistant('old answer')]);
      await store.delete(record());
      expect(await store.load(record())).toBeUndefined();
      expect(await store.list('t')).toEqual([]);
      await store.append(record({ state: { fresh: true } }), [user('new')]);
      const loaded = await store.load(record());
      expect(loaded?.state).toEqual({ fresh: true });
      expect(texts(loaded?.history)).toEqual(['new']);
      await store.delete({ tenantId: 't', contactId: 'c', sessionId: 'never-existed' });
    });

    it('prunes sessions not updated within the retention window, with their history', async () => {
      const now = Date.now();
      const store = db.open({ retentionMs: 7 * DAY });
      await store.append(record({ sessionId: 'stale' }, now - 10 * DAY), [user('old')]);
      await store.append(record({ sessionId: 'fresh' }, now - 1_000), [user('new')]);
      await store.prune(now);
      expect((await store.list('t')).map((k) => k.sessionId)).toEqual(['fresh']);
      expect(await store.load(record({ sessionId: 'stale' }))).toBeUndefined();
      expect(await store.prune(now + 7 * DAY)).toBe(1);
      expect(await store.list('t')).toEqual([]);
    });

    it('lets two instances append to one session concurrently: every append lands whole, none lost', async () => {
      const first = db.open();
      const second = db.open();
      const rounds = 15;
      const run = async (store: SessionStore, who: string) => {
        for (let i = 0; i < rounds; i++) {
          await store.append(record({ state: { last: who } }), [user(`${who}${i}`), assistant(`${who}${i} answer`)], {
            maxMessages: Number.POSITIVE_INFINITY,
          });
        }
      };
      await Promise.all([run(first, 'a'), run(second, 'b')]);
      const history = texts((await first.load(record()))?.history) as string[];
      expect(history).toHaveLength(4 * rounds);
      for (let i = 0; i < history.length; i += 2) expect(history[i + 1]).toBe(`${history[i]} answer`);
      for (const who of ['a', 'b']) {
        const mine = history.filter((t) => t.startsWith(who) && !t.endsWith('answer'));
        expect(mine).toEqual(Array.from({ length: rounds }, (_, i) => `${who}${i}`));
      }
      expect(['a', 'b']).toContain((await second.load(record()))?.state.last);
    });

    it("sees another instance's appends on the next load", async () => {
      const first = db.open();
      const second = db.open();
      await first.append(record(), [user('one'), assistant('a1')]);
      await second.append(record(), [user('two'), assistant('a2')]);
      expect(texts((await first.load(record(), { historyWindow: 2 }))?.history)).toEqual(['two', 'a2']);
    });
  });
}
