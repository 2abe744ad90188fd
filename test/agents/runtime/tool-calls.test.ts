import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agents/events.js';
import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { deferred, newRunner, TENANT, tool } from './helpers.js';

const toolResults = (events: AgentEvent[]) =>
  events.flatMap((e) => (e.type === 'tool_result' ? [{ tool: e.tool, content: e.content, isError: e.isError }] : []));

describe('tool calls', () => {
  it('runs the calls of one turn concurrently and returns results to the model in call order', async () => {
    // `slow` can only finish after `fast` has started: run one after the other, it would wait forever.
    const fastStarted = deferred();
    const slow = tool('slow', async () => {
      await fastStarted.promise;
      return { content: 'slow done' };
    });
    const fast = tool('fast', () => {
      fastStarted.resolve();
      return { content: 'fast done' };
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'slow' }, { name: 'fast' }] }, 'both done']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [slow, fast] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });

    expect(result.text).toBe('both done');
    // Events: both calls announced in call order, results in completion order (fast first).
    const kinds = result.events.filter((e) => e.type === 'tool_call' || e.type === 'tool_result');
    expect(kinds.map((e) => `${e.type}:${'tool' in e ? e.tool : ''}`)).toEqual([
      'tool_call:slow',
      'tool_call:fast',
      'tool_result:fast',
      'tool_result:slow',
    ]);
    // The model gets them back in call order.
    const results = model.requests[1]?.messages.at(-1)?.content ?? [];
    expect(results.map((p) => (p.type === 'tool_result' ? p.toolName : p.type))).toEqual(['slow', 'fast']);
  });

  it('answers invalid arguments to the model as a tool error naming the bad fields, without calling the tool', async () => {
    let called = 0;
    const refund = tool(
      'refund',
      () => {
        called++;
        return { content: 'refunded' };
      },
      { amount: { type: 'number' }, reason: { type: 'string' } },
    );
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'refund', args: { amount: 'ten', extra: true } }] },
      { toolCalls: [{ name: 'refund', args: { amount: 10, reason: 'late' } }] },
      'Refunded.',
    ]);
    const agent = new LlmAgent({ name: 'billing', description: 'b', instruction: 'x', model, tools: [refund] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'refund me', tenantId: TENANT });

    expect(result.text).toBe('Refunded.');
    expect(called).toBe(1);
    const [first, second] = toolResults(result.events);
    expect(first?.isError).toBe(true);
    expect(first?.content).toContain('Invalid arguments for tool "refund"');
    expect(first?.content).toContain('field "amount" must be number');
    expect(first?.content).toContain('missing required field "reason"');
    expect(first?.content).toContain('unexpected field "extra"');
    expect(second).toEqual({ tool: 'refund', content: 'refunded', isError: false });
    const sent = model.requests[1]?.messages.at(-1)?.content[0];
    expect(sent).toMatchObject({ type: 'tool_result', isError: true });
  });

  it('turns a tool exception into a tool error result and carries on', async () => {
    const broken = tool('broken', () => {
      throw new Error('database is down');
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'broken' }] }, 'Sorry, try later.']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [broken] });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('Sorry, try later.');
    expect(result.toolCalls[0]).toMatchObject({
      tool: 'broken',
      isError: true,
      output: 'Tool "broken" failed: database is down',
    });
  });

  it('answers an unknown tool name with a tool error listing the available tools', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'delete_everything' }] }, 'ok']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      tools: [tool('lookup', () => ({ content: '' }))],
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.toolCalls[0]).toMatchObject({ tool: 'delete_everything', isError: true });
    expect(result.toolCalls[0]?.output).toBe('Unknown tool "delete_everything". Available tools: lookup.');
  });

  it('gives a tool that passes its own deadline a timeout error result, while the run goes on', async () => {
    let sawAbort = false;
    const stuck = tool(
      'stuck',
      (_args, context) =>
        new Promise((resolve) => {
          context.signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve({ content: 'late' });
          });
        }),
      {},
      { timeoutMs: 20 },
    );
    const model = new ScriptedModel([{ toolCalls: [{ name: 'stuck' }] }, 'It timed out.']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [stuck] });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('It timed out.');
    expect(result.toolCalls[0]).toMatchObject({ isError: true, output: 'tool "stuck" did not answer within 20 ms' });
    expect(sawAbort).toBe(true);
  });

  it('gives tools the trusted context from the run, never from the arguments', async () => {
    let seen: Record<string, unknown> = {};
    const whoami = tool('whoami', (_args, context) => {
      seen = {
        tenantId: context.tenantId,
        contactId: context.contactId,
        sessionId: context.sessionId,
        agent: context.agentName,
      };
      return { content: 'ok' };
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'whoami' }] }, 'ok']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [whoami] });
    const { runner } = newRunner();
    await runner.execute(agent, { message: 'go', tenantId: TENANT, contactId: 'c-7', sessionId: 's-7' });
    expect(seen).toEqual({ tenantId: TENANT, contactId: 'c-7', sessionId: 's-7', agent: 'a' });
  });

  it('applies state deltas of concurrent calls in call order, whatever order they finish in', async () => {
    const secondDone = deferred();
    const first = tool('first', async () => {
      await secondDone.promise;
      return { content: '1', actions: { stateDelta: { winner: 'first' } } };
    });
    const second = tool('second', () => {
      secondDone.resolve();
      return { content: '2', actions: { stateDelta: { winner: 'second' } } };
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'first' }, { name: 'second' }] }, 'ok']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [first, second] });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.state.winner).toBe('second');
  });
});
