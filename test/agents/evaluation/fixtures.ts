import type { ExecutionResult } from '../../../src/agents/application/index.js';
import { type EvalCase, type EvalCaseInput, EvalCaseSchema } from '../../../src/agents/evaluation/eval-case.js';
import type { ScoreContext, TurnRecord } from '../../../src/agents/evaluation/scorers/scorer.js';

/** A tool call as the execution result reports it (output: JSON of `output` unless a string). */
export function call(
  tool_name: string,
  input: Record<string, unknown> = {},
  output: unknown = {},
  extra: { is_error?: boolean; agent?: string } = {},
): ExecutionResult['tool_calls'][number] {
  return {
    tool_name,
    input,
    output: typeof output === 'string' ? output : JSON.stringify(output),
    latency_ms: 1,
    is_error: extra.is_error ?? false,
    agent: extra.agent ?? 'retention_churn',
  };
}

/** An execution result with the given answer, agent and calls. */
export function result(
  response: string,
  agent_used: string,
  tool_calls: ExecutionResult['tool_calls'] = [],
  metadata: Record<string, string> = {},
): ExecutionResult {
  return {
    response,
    intent: agent_used,
    confidence: 1,
    suggested_actions: [],
    metadata: { model: 'scripted', contact_id: 'contact-marcos', ...metadata },
    latency_ms: 1,
    tool_calls,
    thoughts: { reasoning_steps: [], final_answer: response },
    agent_used,
  };
}

/** A case with defaults filled in. */
export function evalCase(input: Partial<EvalCaseInput> & Pick<EvalCaseInput, 'turns'>): EvalCase {
  return EvalCaseSchema.parse({ id: 'case-1', tenant: 'tenant-demo', contact: 'contact-marcos', ...input });
}

export const PEOPLE = {
  contacts: [
    { id: 'contact-marcos', name: 'Marcos Teixeira' },
    { id: 'contact-helena', name: 'Helena Costa' },
    { id: 'contact-fernando', name: 'Fernando Alves' },
    { id: 'contact-ana', name: 'Ana Oliveira' },
  ],
  staff: ['João Silva', 'Maria Souza'],
};

/** What a scorer reads, for one case and its turns. */
export function context(c: EvalCase, turns: TurnRecord[]): ScoreContext {
  return {
    evalCase: c,
    turns,
    people: PEOPLE,
    internalNames: new Set([
      'search_memory',
      'create_retention_offer',
      'check_customer_value',
      'retention_churn',
      'support_billing',
      'bi_manager',
    ]),
    agentNames: new Set(['retention_churn', 'support_billing', 'bi_manager', 'sdr', 'coordinator', 'balanced']),
  };
}
