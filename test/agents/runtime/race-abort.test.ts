import { describe, expect, it } from 'vitest';
import { ToolTimeoutError } from '../../../src/agents/errors.js';
import { abortablePulls } from '../../../src/agents/runtime/abortable-pulls.js';
import { raceAbort } from '../../../src/agents/runtime/race-abort.js';
import { boundToolCall } from '../../../src/agents/runtime/tool-call-bound.js';
import { onAbort } from '../../../src/shared/abort-callbacks.js';

const never = () => new Promise<never>(() => {});

describe('raceAbort', () => {
  it('settles with the promise while the signal stays quiet', async () => {
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(new Error('boom')), controller.signal)).rejects.toThrow('boom');
  });

  it('rejects with the reason as soon as the signal aborts, even when the promise never settles', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const raced = raceAbort(never(), controller.signal);
    controller.abort(reason);
    await expect(raced).rejects.toBe(reason);
  });

  it('rejects at once on a signal that already aborted, without an unhandled late rejection', async () => {
    const controller = new AbortController();
    const reason = new Error('gone');
    controller.abort(reason);
    await expect(raceAbort(Promise.reject(new Error('late')), controller.signal)).rejects.toBe(reason);
  });

  it('rejects every pending race of a signal, and a race that already settled stays settled', async () => {
    const controller = new AbortController();
    const settled = raceAbort(Promise.resolve('done'), controller.signal);
    await expect(settled).resolves.toBe('done');
    const first = raceAbort(never(), controller.signal);
    const second = raceAbort(never(), controller.signal);
    controller.abort(new Error('end'));
    await expect(first).rejects.toThrow('end');
    await expect(second).rejects.toThrow('end');
  });
});

describe('onAbort', () => {
  it('calls back once on abort, and not after unlink', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push('kept'));
    const unlink = onAbort(controller.signal, () => calls.push('unlinked'));
    unlink();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(['kept']);
  });
});

describe('boundToolCall', () => {
  it("gives the tool the run's own signal when the run's deadline comes first", () => {
    const run = new AbortController();
    const bound = boundToolCall(run.signal, Date.now() + 1_000, 'slow', 30_000);
    expect(bound.signal).toBe(run.signal);
    bound.release();
  });

  it("fires the call's signal with a ToolTimeoutError at the call's deadline", async () => {
    const run = new AbortController();
    const bound = boundToolCall(run.signal, Date.now() + 60_000, 'stuck', 10);
    await expect(bound.race(never())).rejects.toBeInstanceOf(ToolTimeoutError);
    expect(bound.signal.reason).toBeInstanceOf(ToolTimeoutError);
    expect(run.signal.aborted).toBe(false);
    bound.release();
  });

  it("fires the call's signal with the run's reason when the run ends, until it is released", async () => {
    const run = new AbortController();
    const bound = boundToolCall(run.signal, Date.now() + 60_000, 'stuck', 30_000);
    const raced = bound.race(never());
    const reason = new Error('run cancelled');
    run.abort(reason);
    await expect(raced).rejects.toBe(reason);
    expect(bound.signal.reason).toBe(reason);
    bound.release();

    const later = new AbortController();
    const released = boundToolCall(later.signal, Date.now() + 60_000, 'quick', 30_000);
    await expect(released.race(Promise.resolve('ok'))).resolves.toBe('ok');
    released.release();
    later.abort(new Error('after the call'));
    expect(released.signal.aborted).toBe(false);
  });
});

describe('abortablePulls', () => {
  it('passes the stream through while the signal stays quiet', async () => {
    async function* chunks() {
      yield 'a';
      yield 'b';
    }
    const controller = new AbortController();
    const pulls = abortablePulls(chunks(), controller.signal);
    expect(await pulls.next()).toEqual({ value: 'a', done: false });
    expect(await pulls.next()).toEqual({ value: 'b', done: false });
    expect(await pulls.next()).toEqual({ value: undefined, done: true });
    pulls.release();
  });

  it('ends a pull the adapter never answers as soon as the signal aborts, and every pull after it', async () => {
    const stuck: AsyncIterator<string> = { next: () => never() };
    const controller = new AbortController();
    const pulls = abortablePulls(stuck, controller.signal);
    const pending = pulls.next();
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(pulls.next()).rejects.toBe(reason);
    pulls.release();
  });

  it('passes on a failing pull', async () => {
    const failing: AsyncIterator<string> = { next: () => Promise.reject(new Error('stream broke')) };
    const pulls = abortablePulls(failing, new AbortController().signal);
    await expect(pulls.next()).rejects.toThrow('stream broke');
    pulls.release();
  });
});
