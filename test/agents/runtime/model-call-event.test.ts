import { describe, expect, it } from 'vitest';
import type { ModelCallEvent } from '../../../src/agents/events.js';
import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

describe('model_call events', () => {
  it('reports each model call of a run with its model, latency and tokens, before what the call led to', async () => {
    const lookup = tool('lookup', () => ({ content: 'found' }));
    const model = new ScriptedModel([{ toolCalls: [{ name: 'lookup' }] }, 'done']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [lookup] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });

    const calls = result.events.filter((e): e is ModelCallEvent => e.type === 'model_call');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({ agent: 'a', model: model.id, provider: model.provider });
      expect(call.latencyMs).toBeGreaterThanOrEqual(0);
      expect(call.usage.inputTokens).toBeGreaterThanOrEqual(0);
    }
    // The first call's event comes before the tool call it asked for; the second before the final answer.
    const order = result.events.map((e) => e.type).filter((t) => t !== 'tool_result');
    expect(order.indexOf('model_call')).toBeLessThan(order.indexOf('tool_call'));
    expect(order.lastIndexOf('model_call')).toBeLessThan(order.indexOf('final'));
  });
});
