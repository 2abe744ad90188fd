import { describe, expect, it } from 'vitest';
import { CallbackError, RunCancelledError } from '../../../src/agents/errors.js';
import { type BaseAgent, LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { deferred, newRunner, TENANT, tool } from './helpers.js';

/** A tool that waits until its signal aborts and hands the reason over. */
function waitingTool(started: { resolve: () => void }, reason: { resolve: (value: unknown) => void }) {
  return tool(
    'slow',
    (_args, context) =>
      new Promise(() => {
        started.resolve();
        context.signal.addEventListener('abort', () => reason.resolve(context.signal.reason));
      }),
  );
}

describe('what the end of a run stops', () => {
  it('aborts a sibling tool call still running when a failing callback ends the run', async () => {
    const started = deferred();
    const reason = deferred<unknown>();
    const failing = tool('failing', async () => {
      await started.promise; // the slow call is running before this one fails the turn
      return { content: 'done' };
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'slow' }, { name: 'failing' }] }, 'never']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      tools: [waitingTool(started, reason), failing],
      callbacks: {
        afterTool: (_ctx, t) => {
          if (t.name === 'failing') throw new Error('guard broke');
        },
      },
    });
    const { runner } = newRunner();

    await expect(runner.execute(agent, { message: 'go', tenantId: TENANT })).rejects.toBeInstanceOf(CallbackError);
    expect(await reason.promise).toBeInstanceOf(RunCancelledError);
  });

  it('answers and saves the session when a run ends cleanly', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'quick' }] }, 'all done']);
    const quick = tool('quick', () => ({ content: 'ok' }));
    const agent: BaseAgent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [quick] });
    const { runner, sessions } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT, sessionId: 's-1' });

    expect(result.text).toBe('all done');
    const saved = await sessions.load(result.session);
    expect(saved?.history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });
});
