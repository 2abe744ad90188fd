import type { VentrosError } from '../../shared/index.js';
import { MaxIterationsExceededError, toAgentError } from '../errors.js';
import type { Usage } from '../model/index.js';

/** The loop's counters an LlmAgent keeps for one run of the agent. */
export interface LoopState {
  agentName: string;
  /** Model calls made so far. */
  iteration: number;
  usage: Usage;
  signal: AbortSignal;
}

/** A reason to stop before the next model call, or `undefined` to carry on. */
export type StopCondition = (state: LoopState) => VentrosError | undefined;

/** Stops once `max` model calls were made without an answer. */
export function iterationLimit(max: number): StopCondition {
  return (state) => (state.iteration >= max ? new MaxIterationsExceededError(state.agentName, max) : undefined);
}

/** Stops when the run was cancelled or its deadline passed. */
export const runAborted: StopCondition = (state) =>
  state.signal.aborted ? toAgentError(undefined, state.signal) : undefined;

/** The first condition that says stop. */
export function firstStop(conditions: readonly StopCondition[], state: LoopState): VentrosError | undefined {
  for (const condition of conditions) {
    const stop = condition(state);
    if (stop) return stop;
  }
  return undefined;
}
