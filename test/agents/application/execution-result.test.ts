import { describe, expect, it } from 'vitest';
import {
  buildExecutionResult,
  ExecutionResultSchema,
  type RunOutcome,
} from '../../../src/agents/application/execution-result.js';

function run(overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    runId: 'run-1',
    text: 'Preparei 20% de desconto para você.',
    agentUsed: 'retention_churn',
    usage: { inputTokens: 120, outputTokens: 30 },
    latencyMs: 41.6,
    toolCalls: [
      {
        tool: 'memory__search_memory',
        args: { query: 'cancelar' },
        output: '{"memories":[]}',
        isError: false,
        latencyMs: 3.2,
        agent: 'retention_churn',
      },
      {
        tool: 'retention__create_retention_offer',
        args: { discount_percent: 20 },
        output: '{"offer_id":"o1"}',
        isError: false,
        latencyMs: 5,
        agent: 'retention_churn',
      },
    ],
    thoughts: ['Cliente quer cancelar; buscar memória.'],
    session: { tenantId: 'tenant-demo', contactId: 'contact-carlos', sessionId: 's1' },
    ...overrides,
  };
}

const retention = { template_id: 'retention_churn', category: 'retention', required_tools: ['search_memory'] };

describe('buildExecutionResult', () => {
  it('builds the ExecuteAgentResponse in snake_case with bare tool names, metadata strings and the route', () => {
    const result = buildExecutionResult({
      run: run(),
      answeredBy: retention,
      route: { templateId: 'retention_churn', category: 'retention', confidence: 0.82, fallback: false },
      entryAgent: 'coordinator',
      model: 'offline',
    });
    expect(ExecutionResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      response: 'Preparei 20% de desconto para você.',
      intent: 'retention_churn',
      confidence: 0.82,
      agent_used: 'retention_churn',
      latency_ms: 42,
      suggested_actions: ['review_retention_offer'],
      thoughts: { reasoning_steps: ['Cliente quer cancelar; buscar memória.'], final_answer: result.response },
    });
    expect(result.tool_calls.map((c) => c.tool_name)).toEqual(['search_memory', 'create_retention_offer']);
    expect(result.tool_calls[1]).toMatchObject({ input: { discount_percent: 20 }, latency_ms: 5, is_error: false });
    expect(result.metadata).toMatchObject({
      model: 'offline',
      offline: 'true',
      agent_category: 'retention',
      tenant_id: 'tenant-demo',
      contact_id: 'contact-carlos',
      session_id: 's1',
      usage_input_tokens: '120',
      usage_output_tokens: '30',
      route_fallback: 'false',
      entry_agent: 'coordinator',
    });
    expect(result.format_guide).toBeUndefined();
  });

  it('reads a BI answer into response + format_guide', () => {
    const bi = JSON.stringify({
      answer: 'Hoje você teve **47 leads**.',
      format_guide: { format: 'markdown', structure: { highlight_numbers: true } },
    });
    const result = buildExecutionResult({
      run: run({ text: `\`\`\`json\n${bi}\n\`\`\``, toolCalls: [], agentUsed: 'bi_manager' }),
      answeredBy: { template_id: 'bi_manager', category: 'analytics', required_tools: ['get_leads_count'] },
      entryAgent: 'bi_manager',
      model: 'anthropic:claude-sonnet-4-5',
    });
    expect(result.response).toBe('Hoje você teve **47 leads**.');
    expect(result.format_guide).toEqual({ format: 'markdown', structure: { highlight_numbers: true } });
    expect(result.metadata['format_guide_fallback']).toBe('false');
    expect(result.metadata['offline']).toBe('false');
    // Without a route, the intent is the answering template and the confidence is full.
    expect(result).toMatchObject({ intent: 'bi_manager', confidence: 1, suggested_actions: ['get_leads_count'] });
  });

  it('skips failed tool calls when suggesting actions', () => {
    const failed = run();
    const calls = failed.toolCalls.map((c) => ({ ...c, isError: true }));
    const result = buildExecutionResult({
      run: { ...failed, toolCalls: calls },
      answeredBy: retention,
      entryAgent: 'retention_churn',
      model: 'offline',
    });
    expect(result.suggested_actions).toEqual([]);
  });
});
