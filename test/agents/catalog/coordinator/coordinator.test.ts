import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentCatalog,
  buildCatalog,
  KNOWLEDGE_SCOPE_KEY,
  TEMPLATES,
} from '../../../../src/agents/catalog/index.js';
import type { ModelRequest } from '../../../../src/agents/model/index.js';
import { Runner } from '../../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../../src/agents/sessions/index.js';
import type { Tool } from '../../../../src/agents/tool.js';
import { ScriptedModel, type ScriptedReply } from '../../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';
import { call, resultsSoFar } from '../script-helpers.js';

const PRIOR_SCOPE = {
  lookback_days: 42,
  include_messages: false,
  include_sessions: false,
  include_tickets: false,
  include_purchases: false,
  include_offers: false,
  include_graph: false,
  include_agent_performance: false,
  max_results: 3,
};

describe('coordinator delegation with the dynamic knowledge scope', () => {
  let seeded: SeededApp;
  /** What the specialist saw: its system prompt and the scope in state while it ran. */
  const seen: Array<{ system: string; scope: unknown }> = [];
  const model = new ScriptedModel((request: ModelRequest): ScriptedReply | string => {
    const results = resultsSoFar(request);
    if (request.context?.agentName === 'coordinator') {
      const answer = results.get('support_technical');
      if (!answer)
        return call(request, 'support_technical', {
          request: request.messages.at(-1) ? 'O cliente relata: sistema fora do ar' : '',
        });
      return String(answer.content);
    }
    if (request.context?.agentName === 'support_technical') {
      seen.push({ system: request.system ?? '', scope: request.context?.state?.[KNOWLEDGE_SCOPE_KEY] });
      if (!results.has('search_memory')) return call(request, 'search_memory', { query: 'sistema fora do ar' });
      return 'Verifiquei: houve instabilidade e já está normalizado.';
    }
    throw new Error(`unexpected agent ${request.context?.agentName}`);
  });

  /** Arguments each tool really received (after the callbacks), by tool name. */
  const received: Array<{ tool: string; args: Record<string, unknown> }> = [];
  let catalog: AgentCatalog;

  beforeAll(async () => {
    seeded = await createSeededApp({ model });
    const recording = (tool: Tool): Tool => ({
      ...tool,
      execute: (args, ctx) => {
        received.push({ tool: tool.name, args });
        return tool.execute(args, ctx);
      },
    });
    catalog = buildCatalog({
      model,
      tools: (names) => (seeded.app.host.tools(names) as Tool[]).map(recording),
      templates: TEMPLATES,
    });
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('narrows the scope to one day for "hoje" during the delegation and restores the previous scope after', async () => {
    seen.length = 0;
    received.length = 0;
    const runner = new Runner({ sessions: new InMemorySessionStore() });
    const result = await runner.execute(catalog.coordinator, {
      message: 'O sistema caiu hoje de novo?',
      tenantId: 'tenant-demo',
      contactId: 'contact-ana',
      stateDelta: { [KNOWLEDGE_SCOPE_KEY]: PRIOR_SCOPE },
    });
    // The coordinator delegated through the agent tool and passed the specialist's answer on.
    expect(result.toolCalls.map((c) => `${c.agent}:${c.tool}`)).toEqual([
      'support_technical:memory__search_memory',
      'coordinator:support_technical',
    ]);
    expect(result.text).toBe('Verifiquei: houve instabilidade e já está normalizado.');
    // During the delegation: the specialist's scope (support_technical: 7 days) narrowed by "hoje".
    expect(seen[0]?.scope).toMatchObject({ lookback_days: 1, include_tickets: true });
    expect(seen[0]?.system).toContain('"lookback_days":1');
    // The memory server got the scope the model did not write.
    const search = received.find((c) => c.tool.endsWith('search_memory'));
    expect(search?.args).toMatchObject({
      query: 'sistema fora do ar',
      strategy: 'support_technical',
      scope: { lookback_days: 1, include_tickets: true },
    });
    // After it: the scope that was there before is back.
    expect(result.state[KNOWLEDGE_SCOPE_KEY]).toEqual(PRIOR_SCOPE);
    expect(result.state['agent_category']).toBeUndefined();
  });

  it('widens to 90 days with messages for "porque" and leaves no scope behind when there was none', async () => {
    seen.length = 0;
    received.length = 0;
    const runner = new Runner({ sessions: new InMemorySessionStore() });
    const result = await runner.execute(catalog.coordinator, {
      message: 'Porque o sistema caiu?',
      tenantId: 'tenant-demo',
      contactId: 'contact-ana',
    });
    expect(seen[0]?.scope).toMatchObject({ lookback_days: 90, include_messages: true });
    expect(received[0]?.args['scope']).toMatchObject({ lookback_days: 90, include_messages: true });
    expect(result.state[KNOWLEDGE_SCOPE_KEY]).toBeUndefined();
  });

  it('names the specialist that answered in the execution result, not the coordinator', async () => {
    const result = await seeded.app.execute({
      agent: 'coordinator',
      message: 'O sistema está fora do ar',
      tenantId: 'tenant-demo',
      contactId: 'contact-ana',
    });
    expect(result.agent_used).toBe('support_technical');
    expect(result.metadata['entry_agent']).toBe('coordinator');
    expect(result.tool_calls.map((c) => c.tool_name)).toEqual(['search_memory', 'support_technical']);
  });
});
