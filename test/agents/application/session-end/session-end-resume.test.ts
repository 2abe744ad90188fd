import { describe, expect, it } from 'vitest';
import {
  type ConversationKey,
  type EndReason,
  type ResumedConversation,
  SessionEndTracker,
} from '../../../../src/agents/application/session-end/index.js';

/** Resolves once `check` holds, polling; the test's own timeout bounds it (no timed assertion). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function recorder() {
  const added: Array<{ sessionId: string; reason: EndReason }> = [];
  return {
    added,
    addSession: async (k: ConversationKey, reason: EndReason) => {
      added.push({ sessionId: k.sessionId, reason });
    },
  };
}

const seen = (sessionId: string, updatedAt: number, contactId = 'c1'): ResumedConversation => ({
  tenantId: 't1',
  contactId,
  sessionId,
  updatedAt,
});

describe('SessionEndTracker.resumeFrom (a restart)', () => {
  it('re-arms the clocks of recent conversations and ends at once those whose idle end passed', async () => {
    const memory = recorder();
    const asked: Array<[string, number]> = [];
    const tracker = new SessionEndTracker({
      addSession: memory.addSession,
      idleMs: 2_000,
      maxOpen: 50,
      mayEndResumed: async (k, updatedAt) => {
        asked.push([k.sessionId, updatedAt]);
        return true;
      },
    });
    const now = Date.now();
    tracker.answered({ tenantId: 't1', contactId: 'c1', sessionId: 'live' }); // answered since the start
    tracker.end({ tenantId: 't1', contactId: 'c1', sessionId: 'ended' }, 'event'); // session.ended came first
    let asking: { since: number; limit: number } | undefined;
    const resumed = await tracker.resumeFrom(async (since, limit) => {
      asking = { since, limit };
      return [
        seen('recent', now - 100),
        seen('pending', now - 2_500), // its idle end passed 500 ms ago: pending when the process stopped
        seen('anonymous', now - 2_500, ''), // no contact: skipped
        seen('live', now - 2_500),
        seen('ended', now - 2_500),
      ];
    });
    expect(resumed).toBe(2);
    // The look-back: idle (2 s) + 2 × idle before the start, at most maxOpen.
    expect(asking?.limit).toBe(50);
    expect(asking?.since).toBeGreaterThanOrEqual(now - 6_000);
    expect(asking?.since).toBeLessThanOrEqual(Date.now() - 6_000);

    await until(() => memory.added.some((a) => a.sessionId === 'pending'));
    expect(memory.added.map((a) => a.sessionId)).toEqual(['ended', 'pending']);
    expect(tracker.stats()).toMatchObject({ open: 2, resumed: 2 }); // live and recent still wait
    await until(() => memory.added.some((a) => a.sessionId === 'recent'));
    await tracker.drain();
    expect(memory.added).toEqual([
      { sessionId: 'ended', reason: 'event' },
      { sessionId: 'pending', reason: 'idle' },
      { sessionId: 'recent', reason: 'idle' },
    ]);
    // Asked with the update the restart saw; never for conversations answered or ended here.
    expect(asked).toEqual([
      ['pending', now - 2_500],
      ['recent', now - 100],
    ]);
    await tracker.close();
  }, 10_000);

  it('does not end a re-armed conversation updated since (another instance answers it), nor forget it', async () => {
    const memory = recorder();
    const tracker = new SessionEndTracker({
      addSession: memory.addSession,
      idleMs: 1_000,
      mayEndResumed: async () => false,
    });
    expect(await tracker.resumeFrom(async () => [seen('elsewhere', Date.now() - 2_000)])).toBe(1);
    await until(() => tracker.stats().skipped === 1);
    await tracker.drain();
    expect(memory.added).toEqual([]);
    expect(tracker.stats()).toMatchObject({ open: 0, added: 0, skipped: 1 });
    // Not remembered as ended: its next answer here opens it, and session.ended still adds it.
    tracker.answered({ tenantId: 't1', contactId: 'c1', sessionId: 'elsewhere' });
    expect(tracker.stats().open).toBe(1);
    expect(tracker.end({ tenantId: 't1', contactId: 'c1', sessionId: 'elsewhere' }, 'event')).toBe(true);
    await tracker.drain();
    expect(memory.added).toEqual([{ sessionId: 'elsewhere', reason: 'event' }]);
    await tracker.close();
  });

  it('lets an answer or an explicit end that comes while a re-armed end is checked win', async () => {
    const memory = recorder();
    let release: (() => void) | undefined;
    const checking = new Set<string>();
    const tracker = new SessionEndTracker({
      addSession: memory.addSession,
      idleMs: 1_000,
      mayEndResumed: async (k) => {
        checking.add(k.sessionId);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return true;
      },
    });
    const k = (sessionId: string): ConversationKey => ({ tenantId: 't1', contactId: 'c1', sessionId });
    await tracker.resumeFrom(async () => [seen('answered', Date.now() - 2_000)]);
    await until(() => checking.has('answered'));
    tracker.answered(k('answered')); // the customer wrote again: the conversation goes on here
    release?.();
    await tracker.drain();
    expect(memory.added).toEqual([]);
    expect(tracker.stats()).toMatchObject({ open: 1, added: 0 });

    await tracker.resumeFrom(async () => [seen('event', Date.now() - 2_000)]);
    await until(() => checking.has('event'));
    expect(tracker.end(k('event'), 'event')).toBe(true); // session.ended during the check: no duplicate
    release?.();
    await tracker.drain();
    expect(memory.added).toEqual([{ sessionId: 'event', reason: 'event' }]); // added once
    await tracker.close();
  });

  it('logs and counts a failed read without throwing; re-arms nothing with idle off or after close', async () => {
    const memory = recorder();
    const tracker = new SessionEndTracker({ addSession: memory.addSession, idleMs: 1_000 });
    await expect(
      tracker.resumeFrom(async () => {
        throw new Error('database down');
      }),
    ).resolves.toBe(0);
    expect(tracker.stats()).toMatchObject({ failed: 1, resumed: 0, open: 0 });

    const off = new SessionEndTracker({ addSession: memory.addSession, idleMs: 0 });
    let read = false;
    expect(
      await off.resumeFrom(async () => {
        read = true;
        return [seen('s', Date.now())];
      }),
    ).toBe(0);
    expect(read).toBe(false);

    await tracker.close();
    expect(await tracker.resumeFrom(async () => [seen('s', Date.now())])).toBe(0);
    expect(memory.added).toEqual([]);
  });
});
