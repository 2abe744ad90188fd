import { z } from 'zod/mini';

// Every schema is loose: the playground reads what it knows and tolerates fields added later.

export const AgentInfoSchema = z.looseObject({
  type: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  category: z.optional(z.string()),
  tools: z.optional(z.array(z.string())),
  /** Present once the server knows audiences: only these agents answer customers. */
  customer_facing: z.optional(z.boolean()),
});
export type AgentInfo = z.infer<typeof AgentInfoSchema>;
export const AgentListSchema = z.looseObject({ agents: z.array(AgentInfoSchema) });

export const HealthSchema = z.looseObject({ status: z.string(), model: z.optional(z.string()) });

export const TenantListSchema = z.looseObject({
  tenants: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  default_tenant_id: z.optional(z.string()),
});
export type Tenant = z.infer<typeof TenantListSchema>['tenants'][number];

export const ContactSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  segment: z.optional(z.string()),
});
export type Contact = z.infer<typeof ContactSchema>;
export const ContactListSchema = z.looseObject({ contacts: z.array(ContactSchema) });

export const SessionPartSchema = z.looseObject({
  type: z.string(),
  text: z.optional(z.string()),
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  input: z.optional(z.unknown()),
  tool_use_id: z.optional(z.string()),
  content: z.optional(z.unknown()),
  is_error: z.optional(z.boolean()),
});
export const SessionSchema = z.looseObject({
  session_id: z.string(),
  contact_id: z.optional(z.string()),
  state: z.optional(z.record(z.string(), z.unknown())),
  history: z.array(z.looseObject({ role: z.string(), content: z.array(SessionPartSchema) })),
});
export type SessionView = z.infer<typeof SessionSchema>;

export const ToolCallRecordSchema = z.looseObject({
  tool_name: z.string(),
  input: z.optional(z.record(z.string(), z.unknown())),
  output: z.optional(z.string()),
  latency_ms: z.optional(z.number()),
  is_error: z.optional(z.boolean()),
  agent: z.optional(z.string()),
});

/** ExecuteAgentResponse (snake_case) plus agent_used, format_guide and, for paused runs, status. */
export const ExecutionResultSchema = z.looseObject({
  response: z.string(),
  intent: z.optional(z.string()),
  confidence: z.optional(z.number()),
  suggested_actions: z.optional(z.array(z.string())),
  metadata: z.optional(z.record(z.string(), z.unknown())),
  latency_ms: z.optional(z.number()),
  tool_calls: z.optional(z.array(ToolCallRecordSchema)),
  agent_used: z.optional(z.string()),
  format_guide: z.optional(z.unknown()),
  status: z.optional(z.string()),
});
export type ExecutionResult = z.infer<typeof ExecutionResultSchema>;

const RunnerUpSchema = z.looseObject({
  templateId: z.optional(z.string()),
  template_id: z.optional(z.string()),
  score: z.optional(z.number()),
  confidence: z.optional(z.number()),
});

const base = { agent: z.optional(z.string()), elapsedMs: z.optional(z.number()), at: z.optional(z.number()) };

/** The run's stream events the playground draws (src/agents/events.ts, plus `route` and `model_call`). */
export const RunEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('thought'), ...base, text: z.string() }),
  z.looseObject({
    type: z.literal('tool_call'),
    ...base,
    callId: z.string(),
    tool: z.string(),
    args: z.optional(z.record(z.string(), z.unknown())),
  }),
  z.looseObject({
    type: z.literal('tool_progress'),
    ...base,
    callId: z.string(),
    progress: z.number(),
    total: z.optional(z.number()),
    message: z.optional(z.string()),
  }),
  z.looseObject({
    type: z.literal('tool_result'),
    ...base,
    callId: z.string(),
    tool: z.string(),
    content: z.string(),
    isError: z.optional(z.boolean()),
    latencyMs: z.optional(z.number()),
  }),
  z.looseObject({ type: z.literal('partial'), ...base, text: z.string() }),
  z.looseObject({
    type: z.literal('final'),
    ...base,
    text: z.string(),
    usage: z.optional(z.looseObject({ inputTokens: z.number(), outputTokens: z.number() })),
    transferTo: z.optional(z.string()),
  }),
  z.looseObject({ type: z.literal('error'), ...base, code: z.optional(z.string()), message: z.string() }),
  // The server's RouteEvent is camelCase (templateId, runnerUp.score); the snake_case spelling is read too.
  z.looseObject({
    type: z.literal('route'),
    ...base,
    templateId: z.optional(z.string()),
    template_id: z.optional(z.string()),
    target: z.optional(z.string()),
    confidence: z.number(),
    fallback: z.optional(z.boolean()),
    runnerUp: z.optional(z.nullable(RunnerUpSchema)),
    runner_up: z.optional(z.nullable(RunnerUpSchema)),
    reason: z.optional(z.string()),
  }),
  // The server's ModelCallEvent is camelCase (latencyMs, usage.inputTokens); the snake_case spelling is read too.
  z.looseObject({
    type: z.literal('model_call'),
    ...base,
    model: z.optional(z.string()),
    latencyMs: z.optional(z.number()),
    usage: z.optional(z.looseObject({ inputTokens: z.number(), outputTokens: z.number() })),
    input_tokens: z.optional(z.number()),
    output_tokens: z.optional(z.number()),
    latency_ms: z.optional(z.number()),
  }),
  z.looseObject({ type: z.literal('result'), result: ExecutionResultSchema }),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;

export const ApprovalSchema = z.looseObject({
  id: z.string(),
  agent: z.optional(z.string()),
  tool: z.string(),
  arguments: z.optional(z.record(z.string(), z.unknown())),
  reason: z.optional(z.string()),
  requested_at: z.optional(z.string()),
  expires_at: z.optional(z.nullable(z.string())),
  status: z.optional(z.string()),
  tenant_id: z.optional(z.string()),
  contact_id: z.optional(z.nullable(z.string())),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const DlqEntrySchema = z.looseObject({
  id: z.string(),
  event_type: z.optional(z.string()),
  error_type: z.optional(z.string()),
  error: z.optional(z.string()),
  occurred_at: z.optional(z.string()),
  payload: z.optional(z.unknown()),
});
export type DlqEntry = z.infer<typeof DlqEntrySchema>;

const RateSchema = z.looseObject({
  pass_rate: z.optional(z.number()),
  passed: z.optional(z.number()),
  total: z.optional(z.number()),
});
export const EvalReportSchema = z.looseObject({
  summary: z.looseObject({
    pass_rate: z.number(),
    by_agent: z.optional(z.record(z.string(), z.union([RateSchema, z.number()]))),
    by_check: z.optional(z.record(z.string(), z.union([RateSchema, z.number()]))),
  }),
  cases: z.optional(
    z.array(
      z.looseObject({
        id: z.string(),
        agent: z.optional(z.string()),
        passed: z.boolean(),
        checks: z.optional(
          z.array(z.looseObject({ kind: z.string(), passed: z.boolean(), detail: z.optional(z.unknown()) })),
        ),
      }),
    ),
  ),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;

/** The valid items of a list that arrives as a bare array or under one of `keys`; invalid items are dropped. */
export function parseList<T>(value: unknown, keys: readonly string[], item: z.ZodMiniType<T>): T[] {
  let raw: unknown[] = [];
  if (Array.isArray(value)) raw = value;
  else if (value && typeof value === 'object') {
    for (const key of keys) {
      const inner = (value as Record<string, unknown>)[key];
      if (Array.isArray(inner)) {
        raw = inner;
        break;
      }
    }
  }
  return raw.flatMap((v) => {
    const parsed = item.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}
