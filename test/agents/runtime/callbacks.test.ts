import { describe, expect, it } from 'vitest';
import { CallbackError } from '../../../src/agents/errors.js';
import type { ModelRequest } from '../../../src/agents/model/index.js';
import { type AgentCallbacks, LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

const lookup = (calls: Array<Record<string, unknown>>) =>
  tool(
    'lookup',
    (args) => {
      calls.push(args);
      return { content: `found ${String(args.q)}` };
    },
    { q: { type: 'string' } },
  );

describe('callbacks', () => {
  it('observes every stage of a run in order', async () => {
    const seen: string[] = [];
    const callbacks: AgentCallbacks = {
      beforeAgent: (_ctx, agent) => {
        seen.push(`beforeAgent:${agent.name}`);
      },
      beforeModel: (_ctx, request) => {
        seen.push(`beforeModel:${request.messages.length}`);
      },
      afterModel: (_ctx, response) => {
        seen.push(`afterModel:${response.stopReason}`);
      },
      beforeTool: (_ctx, t, args) => {
        seen.push(`beforeTool:${t.name}:${String(args.q)}`);
      },
      afterTool: (_ctx, t, _args, result) => {
        seen.push(`afterTool:${t.name}:${result.content}`);
      },
      afterAgent: (_ctx, final) => {
        seen.push(`afterAgent:${final.text}`);
      },
    };
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup', args: { q: 'x' } }] }, 'done']);
    const agent = new LlmAgent({
      name: 'obs',
      description: 'o',
      instruction: 'i',
      model,
      tools: [lookup([])],
      callbacks,
    });
    const { runner } = newRunner();
    await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(seen).toEqual([
      'beforeAgent:obs',
      'beforeModel:1',
      'afterModel:tool_use',
      'beforeTool:lookup:x',
      'afterTool:lookup:found x',
      'beforeModel:3',
      'afterModel:end_turn',
      'afterAgent:done',
    ]);
  });

  it('modifies: changes the request, the tool arguments, the tool result and the answer', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const callbacks: AgentCallbacks = {
      beforeModel: (_ctx, request): ModelRequest => ({ ...request, system: `${request.system} Always be brief.` }),
      beforeTool: (_ctx, _t, args) => ({ args: { q: `${String(args.q)} (normalized)` } }),
      afterTool: (_ctx, _t, _args, result) => ({ content: result.content.toUpperCase() }),
      afterModel: (_ctx, response) =>
        response.stopReason === 'end_turn'
          ? { ...response, content: [{ type: 'text', text: 'model text replaced' }] }
          : undefined,
      afterAgent: (_ctx, final) => ({ text: `${final.text} [checked]` }),
    };
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup', args: { q: 'ana' } }] }, 'original']);
    const agent = new LlmAgent({
      name: 'mod',
      description: 'm',
      instruction: 'Help.',
      model,
      tools: [lookup(calls)],
      callbacks,
    });
    const { runner, sessions } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT, sessionId: 's' });
    expect(model.requests[0]?.system).toBe('Help. Always be brief.');
    expect(calls).toEqual([{ q: 'ana (normalized)' }]);
    expect(result.toolCalls[0]?.output).toBe('FOUND ANA (NORMALIZED)');
    expect(result.text).toBe('model text replaced [checked]');
    // History holds what the customer saw.
    const stored = await sessions.load({ tenantId: TENANT, contactId: '', sessionId: 's' });
    expect(stored?.history.at(-1)?.content).toEqual([{ type: 'text', text: 'model text replaced [checked]' }]);
  });

  it('blocks a tool call with a result from beforeTool', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup', args: { q: 'secret' } }] }, 'I cannot do that.']);
    const agent = new LlmAgent({
      name: 'guarded',
      description: 'g',
      instruction: 'i',
      model,
      tools: [lookup(calls)],
      callbacks: {
        beforeTool: (_ctx, _t, args) =>
          args.q === 'secret' ? { result: { content: 'blocked by policy', isError: true } } : undefined,
      },
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(calls).toEqual([]);
    expect(result.toolCalls[0]).toMatchObject({ output: 'blocked by policy', isError: true });
  });

  it('short-circuits the model with a response from beforeModel', async () => {
    const model = new ScriptedModel([]);
    const agent = new LlmAgent({
      name: 'cached',
      description: 'c',
      instruction: 'i',
      model,
      callbacks: {
        beforeModel: () => ({
          response: {
            content: [{ type: 'text', text: 'from cache' }],
            stopReason: 'end_turn',
            usage: { inputTokens: 0, outputTokens: 0 },
            model: 'cache',
          },
        }),
      },
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('from cache');
    expect(model.calls).toBe(0);
  });

  it('skips the agent with an answer from beforeAgent, and records it in history', async () => {
    const model = new ScriptedModel([]);
    const agent = new LlmAgent({
      name: 'closed',
      description: 'c',
      instruction: 'i',
      model,
      callbacks: { beforeAgent: () => ({ skip: true, text: 'We are closed on Sundays.' }) },
    });
    const { runner, sessions } = newRunner();
    const result = await runner.execute(agent, { message: 'hello', tenantId: TENANT, sessionId: 's' });
    expect(result.text).toBe('We are closed on Sundays.');
    expect(model.calls).toBe(0);
    const stored = await sessions.load({ tenantId: TENANT, contactId: '', sessionId: 's' });
    expect(stored?.history.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('turns a throwing callback into a typed callback_failed error event, not a crash', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup', args: { q: 'x' } }] }, 'never']);
    const agent = new LlmAgent({
      name: 'fragile',
      description: 'f',
      instruction: 'i',
      model,
      tools: [lookup([])],
      callbacks: {
        beforeTool: () => {
          throw new Error('policy service down');
        },
      },
    });
    const { runner } = newRunner();
    const failure = runner.execute(agent, { message: 'go', tenantId: TENANT });
    await expect(failure).rejects.toBeInstanceOf(CallbackError);
    await expect(failure).rejects.toMatchObject({
      code: 'callback_failed',
      message: 'beforeTool callback of agent "fragile" failed: policy service down',
    });
  });

  it('turns a rejecting async callback into the same typed callback_failed error', async () => {
    const model = new ScriptedModel(['never']);
    const agent = new LlmAgent({
      name: 'fragile',
      description: 'f',
      instruction: 'i',
      model,
      callbacks: {
        beforeModel: async () => {
          throw new Error('memory service down');
        },
      },
    });
    const { runner } = newRunner();
    const failure = runner.execute(agent, { message: 'go', tenantId: TENANT });
    await expect(failure).rejects.toBeInstanceOf(CallbackError);
    await expect(failure).rejects.toMatchObject({
      code: 'callback_failed',
      message: 'beforeModel callback of agent "fragile" failed: memory service down',
    });
    expect(model.calls).toBe(0);
  });
});
