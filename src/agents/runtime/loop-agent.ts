import { AgentConfigError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import { addUsage, ZERO_USAGE } from '../model/index.js';
import { BaseAgent, type BaseAgentOptions } from './base-agent.js';
import type { ActiveContext } from './context.js';
import type { AgentOutcome } from './event-factory.js';

export interface LoopAgentOptions extends BaseAgentOptions {
  subAgents: BaseAgent[];
  /** Upper bound on iterations (each runs every sub-agent once). Reaching it ends the loop normally. */
  maxIterations: number;
  /** Checked after each iteration; `true` ends the loop. */
  until?: (state: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * Runs its sub-agents in order, again and again (generate → critique → ...), until `until(state)`
 * holds, a sub-agent's final is `terminal`, or `maxIterations` is reached. Answers with the last text.
 */
export class LoopAgent extends BaseAgent {
  readonly maxIterations: number;
  private readonly until: ((state: Readonly<Record<string, unknown>>) => boolean) | undefined;

  constructor(options: LoopAgentOptions) {
    super(options);
    if (!Number.isInteger(options.maxIterations) || options.maxIterations < 1) {
      throw new AgentConfigError(`loop agent "${options.name}": maxIterations must be a positive integer`);
    }
    this.maxIterations = options.maxIterations;
    this.until = options.until;
  }

  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    let outcome: AgentOutcome = { text: '', usage: ZERO_USAGE };
    for (let iteration = 0; iteration < this.maxIterations; iteration++) {
      for (const sub of this.subAgents) {
        const final = yield* this.runChild(sub, ctx);
        outcome = { text: final.text, usage: addUsage(outcome.usage, final.usage) };
        if (final.terminal) return outcome;
      }
      if (this.until?.(ctx.session.state)) break;
    }
    return outcome;
  }
}
