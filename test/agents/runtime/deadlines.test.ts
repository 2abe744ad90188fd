import { describe, expect, it } from 'vitest';
import { RunCancelledError, RunDeadlineExceededError } from '../../../src/agents/errors.js';
import { textOf } from '../../../src/agents/model/index.js';
import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { collect, deferred, newRunner, TENANT, tool } from './helpers.js';

/** A tool that only returns when its signal aborts, and records that it did. */
function waitingTool(started: { resolve: () => void }, aborted: { value?: unknown }) {
  return tool(
    'wait_forever',
    (_args, context) =>
      new Promise((_, reject) => {
        started.resolve();
        context.signal.addEventListener('abort', () => {
          aborted.value = context.signal.reason;
          reject(context.signal.reason);
        });
      }),
  );
}

describe('deadlines and cancellation', () => {
  it('ends the run with deadline_exceeded when the run deadline passes during a tool call', async () => {
    const started = deferred();
    const aborted: { value?: unknown } = {};
    const model = new ScriptedModel([{ toolCalls: [{ name: 'wait_forever' }] }, 'never']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      tools: [waitingTool(started, aborted)],
      toolTimeoutMs: 60_000,
    });
    const { runner, sessions } = newRunner();

    const events = await collect(
      runner.run(agent, { message: 'go', tenantId: TENANT, sessionId: 's1', timeoutMs: 50 }),
    );

    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'deadline_exceeded' });
    expect(aborted.value).toBeInstanceOf(RunDeadlineExceededError);
    expect(model.calls).toBe(1);
    // The unfinished tool exchange is not written to history (it would break the next model call).
    const stored = await sessions.load({ tenantId: TENANT, contactId: '', sessionId: 's1' });
    expect(stored?.history.map((m) => textOf(m.content))).toEqual(['go']);

    const again = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model: new ScriptedModel([{ toolCalls: [{ name: 'wait_forever' }] }]),
      tools: [waitingTool(deferred(), {})],
    });
    await expect(runner.execute(again, { message: 'go', tenantId: TENANT, timeoutMs: 30 })).rejects.toBeInstanceOf(
      RunDeadlineExceededError,
    );
  });

  it('ends the run with deadline_exceeded when the model hangs', async () => {
    const model = new ScriptedModel([{ hang: true }]);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model });
    const { runner } = newRunner();
    await expect(runner.execute(agent, { message: 'go', tenantId: TENANT, timeoutMs: 30 })).rejects.toMatchObject({
      code: 'deadline_exceeded',
    });
  });

  it('ends the run with cancelled when the caller aborts, and aborts the running tool', async () => {
    const started = deferred();
    const aborted: { value?: unknown } = {};
    const model = new ScriptedModel([{ toolCalls: [{ name: 'wait_forever' }] }, 'never']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      tools: [waitingTool(started, aborted)],
    });
    const { runner } = newRunner();
    const controller = new AbortController();

    const execution = runner.execute(agent, { message: 'go', tenantId: TENANT, signal: controller.signal });
    await started.promise;
    controller.abort();

    await expect(execution).rejects.toBeInstanceOf(RunCancelledError);
    await expect(execution).rejects.toMatchObject({ code: 'cancelled' });
    expect(aborted.value).toBeInstanceOf(RunCancelledError);
  });

  it('aborts tools still running when the consumer stops reading the stream', async () => {
    const abortedReason = deferred<unknown>();
    const slow = tool(
      'slow',
      (_args, context) =>
        new Promise(() => {
          context.signal.addEventListener('abort', () => abortedReason.resolve(context.signal.reason));
        }),
    );
    const fast = tool('fast', () => ({ content: 'fast' }));
    const model = new ScriptedModel([{ toolCalls: [{ name: 'slow' }, { name: 'fast' }] }, 'never']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [slow, fast] });
    const { runner } = newRunner();
    for await (const event of runner.run(agent, { message: 'go', tenantId: TENANT })) {
      if (event.type === 'tool_result') break;
    }
    expect(await abortedReason.promise).toBeInstanceOf(RunCancelledError);
  });
});
