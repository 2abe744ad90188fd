import { type Language, logger } from '../../shared/index.js';
import type { AgentEvent } from '../events.js';
import type { StreamItem } from './agent-application.js';
import { type GuardFacts, guardAnswer, PartialGuard, redactIds } from './answer-guard.js';
import type { ExecutionResult } from './execution-result.js';

/**
 * A customer run's execution result with its answer guarded (`response`, `thoughts.final_answer`);
 * `metadata.answer_guard` says what the guard did when it did anything. Tool calls and thoughts stay as
 * they are: they are for the integrator (the CRM), and the model read the tool errors already.
 */
export function guardResult(result: ExecutionResult, facts: GuardFacts): ExecutionResult {
  const guarded = guardAnswer(result.response, facts);
  if (guarded.verdict === 'clean') return result;
  logger.warn(
    { runId: result.metadata['run_id'], verdict: guarded.verdict, agent: result.agent_used },
    'a customer answer carried an error or an internal id; guarded',
  );
  return {
    ...result,
    response: guarded.text,
    thoughts: { ...result.thoughts, final_answer: guarded.text },
    metadata: { ...result.metadata, answer_guard: guarded.verdict },
  };
}

/** The facts of an execution result: its failed tool outputs and the run's own ids. */
export function factsOf(result: ExecutionResult, language?: Language): GuardFacts {
  return {
    failedOutputs: result.tool_calls.filter((c) => c.is_error).map((c) => c.output),
    ids: runIds(result.metadata['contact_id'], result.metadata['session_id']),
    ...(language ? { language } : {}),
  };
}

/** The ids of a run worth cutting out of what a customer reads. */
export function runIds(...ids: Array<string | undefined>): string[] {
  return ids.filter((id): id is string => id !== undefined && id !== '');
}

/**
 * A customer run's stream with what the customer reads guarded: `partial` text held back to word
 * boundaries with internal ids cut out (and flushed when that agent's turn ends), `thought` text with
 * ids cut out, each `final` answer guarded like the result, and the result itself.
 */
export async function* guardEvents(
  items: AsyncIterable<StreamItem>,
  ids: readonly string[],
  language?: Language,
): AsyncGenerator<StreamItem> {
  const partials = new PartialGuard(ids);
  const failedOutputs: string[] = [];
  const facts = (): GuardFacts => ({ failedOutputs, ids, ...(language ? { language } : {}) });
  for await (const item of items) {
    if (item.type === 'result') {
      yield { type: 'result', result: guardResult(item.result, facts()) };
      continue;
    }
    if (item.type === 'partial') {
      const text = partials.push(item.agent, item.text);
      if (text) yield { ...item, text };
      continue;
    }
    const rest = partials.flush(item.agent);
    if (rest) yield { ...partialOf(item), text: rest };
    if (item.type === 'tool_result' && item.isError) failedOutputs.push(item.content);
    if (item.type === 'final') yield { ...item, text: guardAnswer(item.text, facts()).text };
    else if (item.type === 'thought') yield { ...item, text: redactIds(item.text, ids) };
    else yield item;
  }
}

function partialOf(event: AgentEvent): Extract<AgentEvent, { type: 'partial' }> {
  return {
    type: 'partial',
    runId: event.runId,
    agent: event.agent,
    at: event.at,
    elapsedMs: event.elapsedMs,
    text: '',
  };
}
