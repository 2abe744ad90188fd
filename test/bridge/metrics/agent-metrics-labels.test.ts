import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ObservedModelCall, ObservedToolCall } from '../../../src/agents/runtime/index.js';
import { estimateCostUsd } from '../../../src/agents/usage/index.js';
import { AgentMetrics } from '../../../src/bridge/metrics/index.js';

const BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/** The metrics as recorded before label sets were cached: fresh label objects on every observation. */
function referenceRecorder(registry: Registry, categoryOf: (agent: string) => string | undefined) {
  const registers = [registry];
  const requests = new Counter({
    name: 'agent_requests_total',
    help: 'h',
    labelNames: ['agent_name', 'agent_category'],
    registers,
  });
  const duration = new Histogram({
    name: 'agent_duration_seconds',
    help: 'h',
    labelNames: ['agent_name', 'agent_category'],
    buckets: BUCKETS,
    registers,
  });
  const tokens = new Counter({
    name: 'llm_tokens_used_total',
    help: 'h',
    labelNames: ['model_name', 'agent_name'],
    registers,
  });
  const toolCalls = new Counter({
    name: 'tool_calls_total',
    help: 'h',
    labelNames: ['tool_name', 'agent_name'],
    registers,
  });
  const modelSeconds = new Histogram({
    name: 'ventros_model_call_duration_seconds',
    help: 'h',
    labelNames: ['model_name', 'agent_name', 'outcome'],
    buckets: BUCKETS,
    registers,
  });
  const toolSeconds = new Histogram({
    name: 'ventros_tool_call_duration_seconds',
    help: 'h',
    labelNames: ['tool_name', 'agent_name', 'outcome'],
    buckets: BUCKETS,
    registers,
  });
  const tenantTokens = new Counter({
    name: 'ventros_llm_tokens_total',
    help: 'h',
    labelNames: ['tenant_id', 'agent_name', 'model_name', 'direction'],
    registers,
  });
  const tenantCost = new Counter({
    name: 'ventros_llm_cost_usd_total',
    help: 'h',
    labelNames: ['tenant_id', 'agent_name', 'model_name'],
    registers,
  });
  const category = (agent: string) => categoryOf(agent) ?? 'other';
  return {
    agentStarted: (agent: string) => requests.inc({ agent_name: agent, agent_category: category(agent) }),
    agentEnded: (agent: string, ms: number) =>
      duration.observe({ agent_name: agent, agent_category: category(agent) }, ms / 1000),
    modelCalled(call: ObservedModelCall) {
      const labels = { model_name: call.modelId, agent_name: call.agent };
      modelSeconds.observe(
        { ...labels, outcome: call.errorType === undefined ? 'ok' : 'error' },
        call.durationMs / 1000,
      );
      tokens.inc(labels, call.usage.inputTokens + call.usage.outputTokens);
      const tenant = { tenant_id: call.tenantId, ...labels };
      tenantTokens.inc({ ...tenant, direction: 'input' }, call.usage.inputTokens);
      tenantTokens.inc({ ...tenant, direction: 'output' }, call.usage.outputTokens);
      tenantCost.inc(tenant, estimateCostUsd(call.modelId, call.usage));
    },
    toolCalled(call: ObservedToolCall) {
      const labels = { tool_name: call.tool, agent_name: call.agent };
      toolCalls.inc(labels);
      toolSeconds.observe({ ...labels, outcome: call.isError ? 'error' : 'ok' }, call.durationMs / 1000);
    },
  };
}

/** Sample lines of the metrics both registries have (help texts differ: compared without them). */
async function samples(registry: Registry, names: readonly string[]): Promise<string[]> {
  const page = await registry.metrics();
  return page.split('\n').filter((line) => names.some((name) => line.startsWith(name)));
}

describe('AgentMetrics with its label sets built once', () => {
  it('reports the same series, label order and values as fresh label objects on every observation', async () => {
    const categories = new Map<string, string>();
    const registry = new Registry();
    const metrics = new AgentMetrics({ registry, categoryOf: (agent) => categories.get(agent) });
    const reference = new Registry();
    const expected = referenceRecorder(reference, (agent) => categories.get(agent));

    const models = ['offline', 'anthropic:claude-sonnet-4-6'];
    const agents = ['auto', 'sales', 'retention_churn'];
    for (let i = 0; i < 60; i++) {
      // The host may learn an agent's category after its first runs: later observations use the new one.
      if (i === 30) categories.set('sales', 'sales');
      const agent = agents[i % agents.length] as string;
      const tenantId = i % 4 === 0 ? 'tenant-acme' : 'tenant-demo';
      const durationMs = (i * 37) % 4_000;
      metrics.agentStarted({ agent, tenantId });
      expected.agentStarted(agent);
      const call: ObservedModelCall = {
        agent,
        tenantId,
        modelId: models[i % 2] as string,
        provider: 'p',
        durationMs,
        usage: { inputTokens: i * 13, outputTokens: i * 7 },
        ...(i % 5 === 0 ? { errorType: 'provider_error' } : {}),
      };
      metrics.modelCalled(call);
      expected.modelCalled(call);
      const tool: ObservedToolCall = { agent, tenantId, tool: `tool_${i % 3}`, durationMs: i, isError: i % 7 === 0 };
      metrics.toolCalled(tool);
      expected.toolCalled(tool);
      metrics.agentEnded({ agent, tenantId, durationMs });
      expected.agentEnded(agent, durationMs);
    }

    const names = [
      'agent_requests_total',
      'agent_duration_seconds',
      'llm_tokens_used_total',
      'tool_calls_total',
      'ventros_model_call_duration_seconds',
      'ventros_tool_call_duration_seconds',
      'ventros_llm_tokens_total',
      'ventros_llm_cost_usd_total',
    ];
    const got = await samples(registry, names);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(await samples(reference, names));
    expect(got).toContain('agent_requests_total{agent_name="sales",agent_category="sales"} 10');
    expect(got).toContain('agent_requests_total{agent_name="sales",agent_category="other"} 10');
  });
});
