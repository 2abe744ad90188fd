import type { AgentEvent } from '../events.js';
import { addUsage, ZERO_USAGE } from '../model/index.js';
import { BaseAgent, type BaseAgentOptions } from './base-agent.js';
import type { ActiveContext } from './context.js';
import type { AgentOutcome } from './event-factory.js';

/**
 * Runs its sub-agents one after the other on the same session and transcript; each sees what the
 * previous ones did. Stops early after a sub-agent whose final is `terminal`. Answers with the last
 * sub-agent's text. A failing sub-agent ends the sequence with its error.
 */
export class SequentialAgent extends BaseAgent {
  constructor(options: BaseAgentOptions & { subAgents: BaseAgent[] }) {
    super(options);
  }

  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    let outcome: AgentOutcome = { text: '', usage: ZERO_USAGE };
    for (const sub of this.subAgents) {
      const final = yield* this.runChild(sub, ctx);
      outcome = { text: final.text, usage: addUsage(outcome.usage, final.usage) };
      if (final.terminal) break;
    }
    return outcome;
  }
}
