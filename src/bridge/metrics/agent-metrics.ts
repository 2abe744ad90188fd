import { Counter, Histogram, type Registry } from 'prom-client';
import type { AgentEvent } from '../../agents/events.js';
import type {
  ObservedAgentRun,
  ObservedModelCall,
  ObservedStep,
  ObservedToolCall,
  RunObserver,
} from '../../agents/runtime/index.js';
import { estimateCostUsd } from '../../agents/usage/index.js';

/** Seconds; from a fast local tool to a slow model answer near the run deadline. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/** The label of a route decision's calibrated confidence (0..1). */
export function confidenceBucket(confidence: number): string {
  if (confidence >= 0.9) return '0.9-1.0';
  if (confidence >= 0.7) return '0.7-0.9';
  if (confidence >= 0.5) return '0.5-0.7';
  return '0.0-0.5';
}

export interface AgentMetricsOptions {
  registry: Registry;
  /** The category of an agent (`sales`, `retention`, `workflow`, ...); `other` when unknown. */
  categoryOf?: (agent: string) => string | undefined;
}

/**
 * The agents' Prometheus metrics, fed by the runtime's `RunObserver` seam (the runtime itself knows
 * nothing of Prometheus). The seed's five metrics keep their exact names and labels; the rest carry the
 * `ventros_` prefix. Labels are names and ids of bounded sets (agents, tools, models, tenants), never
 * message text.
 */
export class AgentMetrics implements RunObserver {
  private readonly categoryOf: (agent: string) => string | undefined;
  readonly requests: Counter<'agent_name' | 'agent_category'>;
  readonly duration: Histogram<'agent_name' | 'agent_category'>;
  readonly errors: Counter<'agent_name' | 'error_type'>;
  readonly tokens: Counter<'model_name' | 'agent_name'>;
  readonly toolCalls: Counter<'tool_name' | 'agent_name'>;
  readonly modelSeconds: Histogram<'model_name' | 'agent_name' | 'outcome'>;
  readonly toolSeconds: Histogram<'tool_name' | 'agent_name' | 'outcome'>;
  readonly tenantTokens: Counter<'tenant_id' | 'agent_name' | 'model_name' | 'direction'>;
  readonly tenantCost: Counter<'tenant_id' | 'agent_name' | 'model_name'>;
  readonly routeDecisions: Counter<'agent_name' | 'confidence_bucket' | 'fallback'>;
  /** Runs and model calls refused by a tenant limit (fed by the usage ledger's `onRefused`). */
  readonly limitRefusals: Counter<'tenant_id' | 'limit'>;
  private readonly agentLabelSets = new LabelSets<AgentLabels>();
  private readonly modelLabels = new LabelSets<ModelCallLabels>();
  private readonly toolLabels = new LabelSets<ToolCallLabels>();

  constructor(options: AgentMetricsOptions) {
    const registers = [options.registry];
    this.categoryOf = options.categoryOf ?? (() => undefined);
    this.requests = new Counter({
      name: 'agent_requests_total',
      help: 'Agent invocations (sub-agents included)',
      labelNames: ['agent_name', 'agent_category'] as const,
      registers,
    });
    this.duration = new Histogram({
      name: 'agent_duration_seconds',
      help: 'Agent invocation duration',
      labelNames: ['agent_name', 'agent_category'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'agent_errors_total',
      help: 'Agent failures by the agent that failed and the error code',
      labelNames: ['agent_name', 'error_type'] as const,
      registers,
    });
    this.tokens = new Counter({
      name: 'llm_tokens_used_total',
      help: 'Model tokens used (input + output)',
      labelNames: ['model_name', 'agent_name'] as const,
      registers,
    });
    this.toolCalls = new Counter({
      name: 'tool_calls_total',
      help: 'Tool calls',
      labelNames: ['tool_name', 'agent_name'] as const,
      registers,
    });
    this.modelSeconds = new Histogram({
      name: 'ventros_model_call_duration_seconds',
      help: 'Model call latency',
      labelNames: ['model_name', 'agent_name', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.toolSeconds = new Histogram({
      name: 'ventros_tool_call_duration_seconds',
      help: 'Tool call latency',
      labelNames: ['tool_name', 'agent_name', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.tenantTokens = new Counter({
      name: 'ventros_llm_tokens_total',
      help: 'Model tokens by tenant, agent, model and direction (input, output)',
      labelNames: ['tenant_id', 'agent_name', 'model_name', 'direction'] as const,
      registers,
    });
    this.tenantCost = new Counter({
      name: 'ventros_llm_cost_usd_total',
      help: 'Estimated model cost in US dollars (list prices, see docs/OBSERVABILITY.md)',
      labelNames: ['tenant_id', 'agent_name', 'model_name'] as const,
      registers,
    });
    this.routeDecisions = new Counter({
      name: 'ventros_router_decisions_total',
      help: 'Semantic router decisions by the agent that runs and confidence bucket',
      labelNames: ['agent_name', 'confidence_bucket', 'fallback'] as const,
      registers,
    });
    this.limitRefusals = new Counter({
      name: 'ventros_tenant_limit_refusals_total',
      help: 'Runs and model calls refused because the tenant was over a limit',
      labelNames: ['tenant_id', 'limit'] as const,
      registers,
    });
  }

  agentStarted(step: ObservedStep): void {
    this.requests.inc(this.agentLabels(step.agent), 1);
  }

  agentEnded(run: ObservedAgentRun): void {
    this.duration.observe(this.agentLabels(run.agent), run.durationMs / 1000);
  }

  modelCalled(call: ObservedModelCall): void {
    const labels = this.modelLabels.get(call.tenantId, call.agent, call.modelId, modelCallLabels);
    this.modelSeconds.observe(call.errorType === undefined ? labels.ok : labels.error, call.durationMs / 1000);
    const { inputTokens, outputTokens } = call.usage;
    // Zero increments too: the series exists from the first call (the offline model uses no tokens).
    this.tokens.inc(labels.model, inputTokens + outputTokens);
    this.tenantTokens.inc(labels.input, inputTokens);
    this.tenantTokens.inc(labels.output, outputTokens);
    this.tenantCost.inc(labels.tenant, estimateCostUsd(call.modelId, call.usage));
  }

  toolCalled(call: ObservedToolCall): void {
    const labels = this.toolLabels.get(call.tool, call.agent, '', toolCallLabels);
    this.toolCalls.inc(labels.tool, 1);
    this.toolSeconds.observe(call.isError ? labels.error : labels.ok, call.durationMs / 1000);
  }

  event(event: AgentEvent): void {
    // Each failure is one error event, emitted by the agent where it happened (a parent that stops
    // because its sub-agent failed does not emit it again), so counting events counts failures once.
    if (event.type === 'error') this.errors.inc({ agent_name: event.agent, error_type: event.code });
    else if (event.type === 'route') {
      this.routeDecisions.inc({
        agent_name: event.target,
        confidence_bucket: confidenceBucket(event.confidence),
        fallback: String(event.fallback),
      });
    }
  }

  /** The agent's labels; its category is asked each time (the host may learn it after the first run). */
  private agentLabels(agent: string): AgentLabels {
    return this.agentLabelSets.get(agent, this.categoryOf(agent) ?? 'other', '', agentLabels);
  }
}

/**
 * Label objects built once per label set and handed to prom-client as they are: building them per
 * observation (spreads of spreads, several a model call) was most of what the metrics cost a run, in
 * time and garbage. Their keys keep the order the series were always created with (the label order of
 * `/metrics` lines). Bounded like the series themselves: label values are names and ids of bounded sets.
 */
class LabelSets<T> {
  private readonly sets = new Map<string, Map<string, Map<string, T>>>();

  get(a: string, b: string, c: string, build: (a: string, b: string, c: string) => T): T {
    let byB = this.sets.get(a);
    if (byB === undefined) {
      byB = new Map();
      this.sets.set(a, byB);
    }
    let byC = byB.get(b);
    if (byC === undefined) {
      byC = new Map();
      byB.set(b, byC);
    }
    let labels = byC.get(c);
    if (labels === undefined) {
      labels = build(a, b, c);
      byC.set(c, labels);
    }
    return labels;
  }
}

interface AgentLabels {
  agent_name: string;
  agent_category: string;
}

function agentLabels(agent: string, category: string): AgentLabels {
  return { agent_name: agent, agent_category: category };
}

interface ModelCallLabels {
  model: { model_name: string; agent_name: string };
  ok: { model_name: string; agent_name: string; outcome: string };
  error: { model_name: string; agent_name: string; outcome: string };
  tenant: { tenant_id: string; model_name: string; agent_name: string };
  input: { tenant_id: string; model_name: string; agent_name: string; direction: string };
  output: { tenant_id: string; model_name: string; agent_name: string; direction: string };
}

function modelCallLabels(tenantId: string, agent: string, modelId: string): ModelCallLabels {
  const model = { model_name: modelId, agent_name: agent };
  const tenant = { tenant_id: tenantId, ...model };
  return {
    model,
    ok: { ...model, outcome: 'ok' },
    error: { ...model, outcome: 'error' },
    tenant,
    input: { ...tenant, direction: 'input' },
    output: { ...tenant, direction: 'output' },
  };
}

interface ToolCallLabels {
  tool: { tool_name: string; agent_name: string };
  ok: { tool_name: string; agent_name: string; outcome: string };
  error: { tool_name: string; agent_name: string; outcome: string };
}

function toolCallLabels(tool: string, agent: string): ToolCallLabels {
  const labels = { tool_name: tool, agent_name: agent };
  return { tool: labels, ok: { ...labels, outcome: 'ok' }, error: { ...labels, outcome: 'error' } };
}
