import { describe, expect, it } from 'vitest';
import { LlmAgent, toolPrerequisites } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

function agentWith(model: ScriptedModel, ran: string[], memoryFails = false) {
  return new LlmAgent({
    name: 'retention',
    description: 'r',
    instruction: 'i',
    model,
    tools: [
      tool('memory__search_memory', () => {
        ran.push('search');
        return memoryFails ? { content: 'memory down', isError: true } : { content: '{"memories":[]}' };
      }),
      tool('retention__create_retention_offer', () => {
        ran.push('offer');
        return { content: '{"offer":{}}' };
      }),
    ],
    callbacks: toolPrerequisites({ create_retention_offer: ['search_memory'] }),
  });
}

describe('tool prerequisites (a per-agent order the runtime enforces)', () => {
  it('refuses the guarded tool before its prerequisite answered, and runs it after', async () => {
    const ran: string[] = [];
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'retention__create_retention_offer', args: {} }] },
      { toolCalls: [{ name: 'memory__search_memory', args: {} }] },
      { toolCalls: [{ name: 'retention__create_retention_offer', args: {} }] },
      'done',
    ]);
    const { runner } = newRunner();
    const result = await runner.execute(agentWith(model, ran), { message: 'quero cancelar', tenantId: TENANT });
    expect(ran).toEqual(['search', 'offer']);
    expect(result.toolCalls[0]).toMatchObject({ isError: true });
    expect(result.toolCalls[0]?.output).toMatch(/create_retention_offer cannot run yet: call search_memory first/);
    expect(result.toolCalls[2]).toMatchObject({ isError: false });
  });

  it('does not count a search made in the same model turn (its result was not read) or one that failed', async () => {
    const ran: string[] = [];
    const sameTurn = new ScriptedModel([
      {
        toolCalls: [
          { name: 'memory__search_memory', args: {} },
          { name: 'retention__create_retention_offer', args: {} },
        ],
      },
      'done',
    ]);
    const { runner } = newRunner();
    await runner.execute(agentWith(sameTurn, ran), { message: 'x', tenantId: TENANT });
    expect(ran).toEqual(['search']);

    const failed: string[] = [];
    const afterFailure = new ScriptedModel([
      { toolCalls: [{ name: 'memory__search_memory', args: {} }] },
      { toolCalls: [{ name: 'retention__create_retention_offer', args: {} }] },
      'done',
    ]);
    await runner.execute(agentWith(afterFailure, failed, true), { message: 'x', tenantId: TENANT });
    expect(failed).toEqual(['search']);
  });

  it('does not carry a search over from an earlier run of the same session', async () => {
    const ran: string[] = [];
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'memory__search_memory', args: {} }] },
      'first answer',
      { toolCalls: [{ name: 'retention__create_retention_offer', args: {} }] },
      'second answer',
    ]);
    const { runner } = newRunner();
    const agent = agentWith(model, ran);
    await runner.execute(agent, { message: 'oi', tenantId: TENANT, sessionId: 's-1' });
    const second = await runner.execute(agent, { message: 'quero cancelar', tenantId: TENANT, sessionId: 's-1' });
    expect(ran).toEqual(['search']);
    expect(second.toolCalls[0]).toMatchObject({ isError: true });
  });
});
