import { describe, expect, it } from 'vitest';
import {
  type ConversationKey,
  type EndReason,
  SessionEndTracker,
  sessionEndedKey,
} from '../../../../src/agents/application/session-end/index.js';

const key = (sessionId: string, tenantId = 't1'): ConversationKey => ({ tenantId, contactId: 'c1', sessionId });

/** Resolves once `check` holds, polling; the test's own timeout bounds it (no timed assertion). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function recorder(fail?: (key: ConversationKey) => boolean) {
  const added: Array<{ sessionId: string; reason: EndReason }> = [];
  return {
    added,
    addSession: async (k: ConversationKey, reason: EndReason) => {
      if (fail?.(k)) throw new Error('memory service down');
      added.push({ sessionId: k.sessionId, reason });
    },
  };
}

describe('SessionEndTracker', () => {
  it('adds a conversation once when it goes quiet, and a late answer or a redelivered end adds nothing', async () => {
    const memory = recorder();
    const tracker = new SessionEndTracker({ addSession: memory.addSession, idleMs: 20 });
    tracker.answered(key('s1'));
    tracker.answered(key('s1')); // a second answer restarts the clock, still one conversation
    expect(tracker.stats().open).toBe(1);
    await until(() => memory.added.length === 1);
    await tracker.drain();
    expect(memory.added).toEqual([{ sessionId: 's1', reason: 'idle' }]);
    expect(tracker.end(key('s1'), 'event')).toBe(false);
    tracker.answered(key('s1'));
    expect(tracker.stats()).toMatchObject({ open: 0, added: 1, duplicates: 1 });
    await tracker.close();
  });

  it('ends at once on session.ended, keyed per tenant, and never by idleness when idle is off', async () => {
    const memory = recorder();
    const tracker = new SessionEndTracker({ addSession: memory.addSession, idleMs: 0 });
    tracker.answered(key('s1'));
    tracker.answered(key('s1', 't2'));
    expect(tracker.end(key('s1'), 'event')).toBe(true);
    await tracker.drain();
    expect(memory.added).toEqual([{ sessionId: 's1', reason: 'event' }]);
    expect(tracker.stats().open).toBe(1); // the other tenant's session s1 is another conversation
    tracker.endedElsewhere(key('s1', 't2')); // the workflows added it: nothing more to do
    expect(tracker.end(key('s1', 't2'), 'event')).toBe(false);
    await tracker.close();
    expect(memory.added).toHaveLength(1);
  });

  it('logs and counts a failed add without throwing, and goes on with the next', async () => {
    const memory = recorder((k) => k.sessionId === 'bad');
    const tracker = new SessionEndTracker({ addSession: memory.addSession, idleMs: 0 });
    expect(tracker.end(key('bad'), 'event')).toBe(true);
    expect(tracker.end(key('good'), 'event')).toBe(true);
    await tracker.drain();
    expect(tracker.stats()).toMatchObject({ added: 1, failed: 1 });
    expect(memory.added.map((a) => a.sessionId)).toEqual(['good']);
    await tracker.close();
  });

  it('runs at most `concurrency` adds at once, and ends the quietest conversation beyond maxOpen', async () => {
    let running = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const tracker = new SessionEndTracker({
      idleMs: 0,
      concurrency: 2,
      maxOpen: 3,
      addSession: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
      },
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) tracker.answered(key(id));
    expect(tracker.stats().open).toBe(3); // a and b ended: the quietest, beyond maxOpen
    for (const id of ['c', 'd', 'e']) tracker.end(key(id), 'event');
    for (let i = 0; i < 5; i++) {
      await until(() => release.length > 0);
      release.shift()?.();
    }
    await tracker.drain();
    expect(most).toBe(2);
    expect(tracker.stats()).toMatchObject({ open: 0, added: 5 });
    await tracker.close();
  });

  it('reads a session.ended envelope, and refuses a malformed one as invalid input', () => {
    expect(
      sessionEndedKey({
        event_id: 'e1',
        event_type: 'session.ended',
        occurred_at: '2026-12-04T10:00:00Z',
        tenant_id: 't1',
        payload: { session_id: 's1', contact_id: 'c1' },
      }),
    ).toEqual({ tenantId: 't1', contactId: 'c1', sessionId: 's1' });
    expect(() => sessionEndedKey({ event_type: 'session.ended', payload: {} })).toThrow(/invalid session.ended/);
  });
});
