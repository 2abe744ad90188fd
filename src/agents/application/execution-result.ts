import { z } from 'zod';
import { isLanguage, type Language } from '../../shared/index.js';
import { FormatGuideSchema } from '../catalog/format-guide/format-guide.js';
import { parseBiAnswer } from '../catalog/format-guide/parse-bi-answer.js';
import type { RouteOutcome } from '../catalog/routed-agent.js';
import { CUSTOMER_LANGUAGE_KEY } from '../catalog/session-keys.js';
import type { Usage } from '../model/index.js';

/** One tool call as the gRPC spec's `ToolCall` (snake_case JSON; `input` keeps the JSON arguments). */
export const ExecutionToolCallSchema = z.object({
  tool_name: z.string(),
  input: z.record(z.string(), z.unknown()),
  output: z.string(),
  latency_ms: z.number().int().nonnegative(),
  /** Ours: the call failed (the model read the error). */
  is_error: z.boolean().optional(),
  /** Ours: which agent made the call (coordinator, specialist, sub-agent). */
  agent: z.string().optional(),
});
export type ExecutionToolCall = z.infer<typeof ExecutionToolCallSchema>;

/** A gated call waiting for a person, as every wire shows it (snake_case, ISO times). */
export const ApprovalRequestSchema = z.object({
  id: z.string(),
  agent: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  reason: z.string(),
  requested_at: z.string(),
  expires_at: z.string(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

/**
 * The gRPC spec's ExecuteAgentResponse as snake_case JSON, plus `agent_used` and (BI answers)
 * `format_guide`. Bridges validate and encode with it; `metadata` is a string map like the proto's.
 */
export const ExecutionResultSchema = z.object({
  response: z.string(),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  suggested_actions: z.array(z.string()),
  metadata: z.record(z.string(), z.string()),
  latency_ms: z.number().int().nonnegative(),
  tool_calls: z.array(ExecutionToolCallSchema),
  thoughts: z.object({ reasoning_steps: z.array(z.string()), final_answer: z.string() }),
  agent_used: z.string(),
  format_guide: FormatGuideSchema.optional(),
  /** `completed`, or `awaiting_approval` when a gated call waits for a person (then `approval` says which). */
  status: z.enum(['completed', 'awaiting_approval']).optional(),
  approval: ApprovalRequestSchema.optional(),
});
export type ExecutionResult = z.infer<typeof ExecutionResultSchema>;

/** What the builder reads from a run (the runtime's RunResult satisfies it). */
export interface RunOutcome {
  runId: string;
  text: string;
  agentUsed: string;
  usage: Usage;
  latencyMs: number;
  toolCalls: ReadonlyArray<{
    tool: string;
    args: Record<string, unknown>;
    output: string;
    isError: boolean;
    latencyMs: number;
    agent: string;
  }>;
  thoughts: readonly string[];
  session: { tenantId: string; contactId: string; sessionId: string };
  /** The session state at the end of the run (the conversation's language, for a holding answer). */
  state?: Readonly<Record<string, unknown>>;
}

export interface ExecutionResultInput {
  run: RunOutcome;
  /** The template of the agent that answered (`agentUsed`), when it is a catalog agent. */
  answeredBy?: { template_id: string; category: string; required_tools: readonly string[] };
  route?: RouteOutcome;
  /** The agent the request was sent to (`coordinator`, a template id, a workflow). */
  entryAgent: string;
  /** The model id that served the run (`offline`, `anthropic:claude-...`). */
  model: string;
  /** The run paused: the approval it waits for (the response is then a holding answer). */
  approval?: ApprovalRequest;
}

/** What the customer reads while a person decides (the resumed run's answer follows on the same channel). */
const AWAITING_APPROVAL_ANSWERS: Readonly<Record<Language, string>> = Object.freeze({
  pt: 'Preciso da aprovação de um supervisor para isso. Assim que tiver a resposta, continuo por aqui.',
  en: "I need a supervisor's approval for this. As soon as I have the answer, I'll continue here.",
  es: 'Necesito la aprobación de un supervisor para esto. En cuanto tenga la respuesta, sigo por aquí.',
});

/** The Portuguese holding answer (the tenant's default language). */
export const AWAITING_APPROVAL_ANSWER = AWAITING_APPROVAL_ANSWERS.pt;

/** The holding answer in the conversation's language (session state `customer_language`). */
export function awaitingApprovalAnswer(state: Readonly<Record<string, unknown>>): string {
  const language = state[CUSTOMER_LANGUAGE_KEY];
  return isLanguage(language) ? AWAITING_APPROVAL_ANSWERS[language] : AWAITING_APPROVAL_ANSWERS.pt;
}

/** `retention__create_retention_offer` → `create_retention_offer` (the host namespaces tool names). */
export function bareToolName(name: string): string {
  const at = name.lastIndexOf('__');
  return at >= 0 ? name.slice(at + 2) : name;
}

/** What the CRM (or a human) should do next after a tool did something. */
const FOLLOW_UPS: Record<string, string> = {
  create_retention_offer: 'review_retention_offer',
  escalate_to_supervisor: 'supervisor_callback',
  qualify_lead: 'update_pipeline',
  calculate_lead_score: 'update_lead_score',
  assign_to_agent: 'notify_assigned_agent',
  update_pipeline_stage: 'review_pipeline',
  create_follow_up_task: 'complete_follow_up_task',
  create_ticket: 'track_ticket',
  escalate_to_engineering: 'monitor_engineering_escalation',
  store_memory: 'memory_updated',
};

const READ_ONLY = new Set(['search_memory', 'get_contact_context', 'get_related_entities', 'get_past_offers']);

/**
 * Suggested actions: follow-ups of the side-effect tools that succeeded; when none ran, the answering
 * template's own main tools (what it would typically do next). Deduplicated, at most five.
 */
export function suggestedActions(run: RunOutcome, requiredTools: readonly string[] = []): string[] {
  const actions = run.toolCalls
    .filter((call) => !call.isError)
    .map((call) => FOLLOW_UPS[bareToolName(call.tool)])
    .filter((action): action is string => action !== undefined);
  if (actions.length === 0) {
    for (const tool of requiredTools) {
      if (!tool.startsWith('agent:') && !READ_ONLY.has(tool)) actions.push(tool);
    }
  }
  return [...new Set(actions)].slice(0, 5);
}

/**
 * Builds the ExecuteAgentResponse of a run. Analytics answers are read as `{answer, format_guide}`
 * (tolerantly: a plain answer gets a plain-text guide and `format_guide_fallback: "true"`).
 */
export function buildExecutionResult(input: ExecutionResultInput): ExecutionResult {
  const { run, answeredBy, route } = input;
  let response = input.approval ? awaitingApprovalAnswer(run.state ?? {}) : run.text;
  let formatGuide: ExecutionResult['format_guide'];
  const metadata: Record<string, string> = {
    model: input.model,
    offline: String(input.model === 'offline'),
    run_id: run.runId,
    tenant_id: run.session.tenantId,
    contact_id: run.session.contactId,
    session_id: run.session.sessionId,
    entry_agent: input.entryAgent,
    agent_category: answeredBy?.category ?? route?.category ?? 'general',
    usage_input_tokens: String(run.usage.inputTokens),
    usage_output_tokens: String(run.usage.outputTokens),
  };
  if (answeredBy?.category === 'analytics' && !input.approval) {
    const parsed = parseBiAnswer(run.text);
    response = parsed.answer;
    formatGuide = parsed.format_guide;
    metadata['format_guide_fallback'] = String(parsed.fallback);
  }
  if (route) {
    metadata['route_template'] = route.templateId;
    metadata['route_confidence'] = route.confidence.toFixed(3);
    metadata['route_fallback'] = String(route.fallback);
  }
  const result: ExecutionResult = {
    response,
    intent: route?.templateId ?? answeredBy?.template_id ?? run.agentUsed,
    confidence: Math.min(1, Math.max(0, route?.confidence ?? 1)),
    suggested_actions: suggestedActions(run, answeredBy?.required_tools),
    metadata,
    latency_ms: Math.max(0, Math.round(run.latencyMs)),
    tool_calls: run.toolCalls.map((call) => ({
      tool_name: bareToolName(call.tool),
      input: call.args,
      output: call.output,
      latency_ms: Math.max(0, Math.round(call.latencyMs)),
      is_error: call.isError,
      agent: call.agent,
    })),
    thoughts: { reasoning_steps: [...run.thoughts], final_answer: response },
    agent_used: run.agentUsed,
    status: input.approval ? 'awaiting_approval' : 'completed',
  };
  if (input.approval) {
    result.approval = input.approval;
    metadata['approval_id'] = input.approval.id;
  }
  if (formatGuide) result.format_guide = formatGuide;
  return result;
}
