import { AgentError, toAgentError } from '../errors.js';
import type { AgentEvent, ErrorEvent, FinalEvent } from '../events.js';
import { addUsage, ZERO_USAGE } from '../model/index.js';
import { BaseAgent, type BaseAgentOptions, SubAgentFailed } from './base-agent.js';
import { type ActiveContext, branchContext } from './context.js';
import { type AgentOutcome, errorEvent } from './event-factory.js';
import { EventQueue } from './event-queue.js';

/** State key (not persisted) where a ParallelAgent records the names of sub-agents that failed. */
export function parallelFailuresKey(agentName: string): string {
  return `temp:${agentName}:failed`;
}

/**
 * Runs its sub-agents concurrently on the same session state, each on its own branch of the transcript.
 * Their events are interleaved into one stream. Answers with one `[name] text` line per sub-agent that
 * finished. One failing sub-agent yields its error event while the others still finish; the names of
 * the failed ones are recorded in state under `temp:<name>:failed`. Fails only when all of them fail.
 */
export class ParallelAgent extends BaseAgent {
  constructor(options: BaseAgentOptions & { subAgents: BaseAgent[] }) {
    super(options);
  }

  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    const queue = new EventQueue<AgentEvent>();
    const lasts: Array<AgentEvent | undefined> = new Array(this.subAgents.length);
    const branches = this.subAgents.map(async (sub, index) => {
      try {
        for await (const event of sub.run(branchContext(ctx))) {
          lasts[index] = event;
          queue.push(event);
        }
      } catch (error) {
        // `run` does not throw; a custom agent breaking that contract still must not lose the others.
        const event = errorEvent(ctx, sub.name, toAgentError(error, ctx.signal));
        lasts[index] = event;
        queue.push(event);
      }
    });
    void Promise.all(branches).then(() => queue.close());
    for await (const event of queue) yield event;

    if (ctx.signal.aborted) throw toAgentError(undefined, ctx.signal);
    const finals: FinalEvent[] = [];
    const failures: ErrorEvent[] = [];
    this.subAgents.forEach((sub, index) => {
      const last = lasts[index];
      if (last?.type === 'final' && last.agent === sub.name) finals.push(last);
      else if (last?.type === 'error') failures.push(last);
      else
        failures.push(
          errorEvent(ctx, sub.name, new AgentError('internal', `agent "${sub.name}" ended without a final`)),
        );
    });
    if (failures.length > 0) ctx.session.state[parallelFailuresKey(this.name)] = failures.map((f) => f.agent);
    if (finals.length === 0 && failures[0]) throw new SubAgentFailed(failures[0]);

    const text = finals.map((f) => `[${f.agent}] ${f.text}`).join('\n');
    // Branch transcripts stay apart; the combined answer is what the conversation continues from.
    ctx.transcript.push({ role: 'assistant', content: [{ type: 'text', text }] });
    return { text, usage: finals.reduce((sum, f) => addUsage(sum, f.usage), ZERO_USAGE) };
  }
}
