import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import type { SessionKey, SessionRecord } from '../../../src/agents/sessions/index.js';
import { useSqliteSessionFiles } from '../../support/sqlite-session-files.js';
import { walCommits } from '../../support/wal-commits.js';

// Appends of one event-loop turn share one commit (GroupCommit): each still lands whole, in the order
// called, resolves once committed, and fails alone; what the store holds between runs follows each.

const files = useSqliteSessionFiles('ventros-append-group-');

const say = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const run = (n: string): Message[] => [say(`message ${n}`), answer(`answer ${n}`)];

const key = (sessionId: string): SessionKey => ({ tenantId: 't', contactId: `c-${sessionId}`, sessionId });
const record = (sessionId: string, state: Record<string, unknown> = {}): SessionRecord => ({
  ...key(sessionId),
  state,
  createdAt: 1,
  updatedAt: 2,
});
const texts = (history: readonly Message[] | undefined) => history?.map((m) => (m.content[0] as { text: string }).text);

describe('SqliteSessionStore: appends of one turn', () => {
  it('commits several sessions, one of them twice, in one transaction, all readable after, in order', async () => {
    const store = files.open();
    const reference = files.open();
    await store.append(record('a'), run('a0'));
    // Held by the store: its appends below are mirrored onto what it holds.
    expect(texts((await store.load(key('a'), { historyWindow: 50 }))?.history)).toEqual(['message a0', 'answer a0']);
    const before = walCommits(files.path());

    await Promise.all([
      store.append(record('a'), run('a1')),
      store.append(record('b'), run('b1')),
      store.append(record('a', { step: 2 }), run('a2')),
      store.append(record('c'), run('c1')),
    ]);

    expect(walCommits(files.path()) - before).toBe(1);
    const a = ['message a0', 'answer a0', 'message a1', 'answer a1', 'message a2', 'answer a2'];
    for (const reader of [store, reference]) {
      const loaded = await reader.load(key('a'), { historyWindow: 50 });
      expect(texts(loaded?.history)).toEqual(a);
      expect(loaded?.state).toEqual({ step: 2 });
      expect(texts((await reader.load(key('b')))?.history)).toEqual(['message b1', 'answer b1']);
      expect(texts((await reader.load(key('c')))?.history)).toEqual(['message c1', 'answer c1']);
    }
    // The next appends of `a` number on from both of the group's.
    await store.append(record('a'), run('a3'));
    expect(texts((await reference.load(key('a'), { historyWindow: 50 }))?.history)).toEqual([
      ...a,
      'message a3',
      'answer a3',
    ]);
  });

  it('rejects a failing append alone: the others of its turn are committed', async () => {
    const store = files.open();
    const reference = files.open();
    await store.append(record('a'), run('a0'));
    await store.load(key('a'), { historyWindow: 50 });
    const broken = { ...record('a'), contactId: null as unknown as string }; // NOT NULL contact_id
    const before = walCommits(files.path());

    const results = await Promise.allSettled([
      store.append(record('a'), run('a1')),
      store.append(broken, run('lost')),
      store.append(record('b'), run('b1')),
      store.append(record('a'), run('a2')),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    expect(walCommits(files.path()) - before).toBe(1);
    const a = ['message a0', 'answer a0', 'message a1', 'answer a1', 'message a2', 'answer a2'];
    for (const reader of [store, reference]) {
      expect(texts((await reader.load(key('a'), { historyWindow: 50 }))?.history)).toEqual(a);
      expect(texts((await reader.load(key('b')))?.history)).toEqual(['message b1', 'answer b1']);
    }
  });

  it('rejects an append alone in its turn when it fails, and the next one lands', async () => {
    const store = files.open();
    await expect(store.append({ ...record('a'), contactId: null as unknown as string }, run('lost'))).rejects.toThrow(
      /NOT NULL/,
    );
    await store.append(record('a'), run('a1'));
    expect(texts((await files.open().load(key('a')))?.history)).toEqual(['message a1', 'answer a1']);
  });

  it('writes what is queued when closed: nothing acknowledged is lost', async () => {
    const store = files.open();
    const appended = [store.append(record('a'), run('a1')), store.append(record('b'), run('b1'))];
    store.close();
    await Promise.all(appended);
    const reopened = files.open();
    expect(texts((await reopened.load(key('a')))?.history)).toEqual(['message a1', 'answer a1']);
    expect(texts((await reopened.load(key('b')))?.history)).toEqual(['message b1', 'answer b1']);
  });

  it('deletes after the appends called before the delete', async () => {
    const store = files.open();
    const appended = store.append(record('a'), run('a1'));
    const deleted = store.delete(key('a'));
    await Promise.all([appended, deleted]);
    expect(await store.load(key('a'))).toBeUndefined();
    expect(await files.open().load(key('a'))).toBeUndefined();
  });

  it('takes the messages and state as they were when append was called', async () => {
    const store = files.open();
    const session = record('a', { plan: 'pro' });
    const messages = run('a1');
    const appended = store.append(session, messages);
    session.state.plan = 'changed';
    await appended;
    const loaded = await files.open().load(key('a'));
    expect(loaded?.state).toEqual({ plan: 'pro' });
  });
});
