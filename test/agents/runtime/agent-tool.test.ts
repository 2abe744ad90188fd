import { describe, expect, it } from 'vitest';
import { MAX_AGENT_TOOL_DEPTH } from '../../../src/agents/runtime/context.js';
import { agentTool, LlmAgent } from '../../../src/agents/runtime/index.js';
import type { Tool } from '../../../src/agents/tool.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

describe('agentTool', () => {
  it('runs an agent as a tool in the same session state and forwards its events', async () => {
    const specialistModel = new ScriptedModel([
      { toolCalls: [{ name: 'churn_risk', args: {} }] },
      'Risk is high; offer 20%.',
    ]);
    const specialist = new LlmAgent({
      name: 'retention',
      description: 'Retention specialist.',
      instruction: 'Plan: {plan}',
      model: specialistModel,
      tools: [tool('churn_risk', () => ({ content: 'high', actions: { stateDelta: { churn_risk: 'high' } } }))],
    });
    const coordinatorModel = new ScriptedModel([
      { toolCalls: [{ name: 'retention', args: { request: 'Customer wants to cancel. Plan?' } }] },
      (request) => {
        const last = request.messages.at(-1)?.content[0];
        return `Relayed: ${last?.type === 'tool_result' ? last.content : '?'}`;
      },
    ]);
    const coordinator = new LlmAgent({
      name: 'coordinator',
      description: 'Routes.',
      instruction: 'Delegate.',
      model: coordinatorModel,
      tools: [agentTool(specialist)],
    });
    const { runner } = newRunner();

    const result = await runner.execute(coordinator, {
      message: 'I want to cancel',
      tenantId: TENANT,
      stateDelta: { plan: 'pro' },
    });

    expect(result.text).toBe('Relayed: Risk is high; offer 20%.');
    // The child saw the request as its user message, and the shared state.
    expect(specialistModel.requests[0]?.messages[0]?.content[0]).toEqual({
      type: 'text',
      text: 'Customer wants to cancel. Plan?',
    });
    expect(specialistModel.requests[0]?.system).toBe('Plan: pro');
    expect(result.state.churn_risk).toBe('high');
    // Child events are in the parent stream, under the child's name.
    const childEvents = result.events.filter((e) => e.agent === 'retention').map((e) => e.type);
    expect(childEvents).toContain('tool_call');
    expect(childEvents).toContain('final');
    expect(result.toolCalls.map((c) => `${c.agent}:${c.tool}`)).toEqual([
      'retention:churn_risk',
      'coordinator:retention',
    ]);
    // Usage of the child counts into the run.
    expect(result.usage).toEqual({ inputTokens: 40, outputTokens: 20 });
  });

  it('turns a failure inside the child into a tool error result', async () => {
    const broken = new LlmAgent({
      name: 'broken',
      description: 'b',
      instruction: 'needs {missing}',
      model: new ScriptedModel([]),
    });
    const parent = new LlmAgent({
      name: 'parent',
      description: 'p',
      instruction: 'i',
      model: new ScriptedModel([{ toolCalls: [{ name: 'broken', args: { request: 'x' } }] }, 'recovered']),
      tools: [agentTool(broken)],
    });
    const { runner } = newRunner();
    const result = await runner.execute(parent, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('recovered');
    expect(result.toolCalls[0]?.isError).toBe(true);
    expect(result.toolCalls[0]?.output).toContain('Agent "broken" failed (missing_state_key)');
  });

  it(`stops runaway recursion at depth ${MAX_AGENT_TOOL_DEPTH}`, async () => {
    // An agent whose tool is itself: it always delegates until the depth bound answers with an error.
    const model = new ScriptedModel((request) => {
      const last = request.messages.at(-1)?.content[0];
      if (last?.type === 'tool_result') return last.isError ? 'bottom reached' : last.content;
      return { toolCalls: [{ name: 'self', args: { request: 'deeper' } }] };
    });
    let self: Tool | undefined;
    const proxy: Tool = {
      name: 'self',
      description: 'delegate to myself',
      inputSchema: { type: 'object', properties: { request: { type: 'string' } } },
      execute: (args, context) => (self as Tool).execute(args, context),
    };
    const recursive = new LlmAgent({ name: 'recursive', description: 'r', instruction: 'i', model, tools: [proxy] });
    self = agentTool(recursive, { name: 'self' });
    const { runner } = newRunner();
    const result = await runner.execute(recursive, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('bottom reached');
    const errors = result.toolCalls.filter((c) => c.isError);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.output).toContain(`nested ${MAX_AGENT_TOOL_DEPTH} deep`);
  });
});
