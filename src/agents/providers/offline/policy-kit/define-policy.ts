import type { OfflineCall, OfflinePolicy } from '../offline-policy.js';
import { withAnswerLocale } from './answer-locale.js';
import { isHandoffCall } from './handoff-policy.js';
import { firstNameFromState } from './read-message.js';
import { firstNameFromResults, type Results } from './tool-results.js';

/** A tool call the policy wants the offline model to make (with its fallback, or optional). */
export type PolicyCall = OfflineCall;

type State = Readonly<Record<string, unknown>>;

/** One step of a policy: the call to make given what is known so far, or undefined to skip it. */
export type PolicyStep = (message: string, state: State, results: Results) => PolicyCall | undefined;

/**
 * An OfflinePolicy whose `mainTool` can also read the results of the calls made so far this turn
 * (third argument). With them it walks its steps in order (e.g. check_customer_value → offer or
 * escalate); an engine that does not pass them gets the policy's single `primary` step.
 */
export interface SteppedOfflinePolicy extends OfflinePolicy {
  mainTool: (message: string, state: State, results?: Results) => PolicyCall | undefined;
  /** The steps, for tests and tools that want to simulate a turn. */
  readonly steps: readonly PolicyStep[];
}

export interface PolicySpec {
  searchMemoryFirst?: boolean;
  /** Tried in order; the first that returns a call for a tool not called yet this turn wins. */
  steps: readonly PolicyStep[];
  /** The one call to make when results are not available; default: the first step. */
  primary?: PolicyStep;
  /** Tools after which the turn is over (no further calls); a handoff (`transfer_to_*`) always ends it. */
  terminal?: readonly string[];
  answer: (message: string, results: Results, state: State) => string;
}

const NO_RESULTS: Results = new Map();

/** Builds a stepped offline policy. */
export function definePolicy(spec: PolicySpec): SteppedOfflinePolicy {
  const primary = spec.primary ?? spec.steps[0];
  const terminal = new Set(spec.terminal ?? []);
  return {
    searchMemoryFirst: spec.searchMemoryFirst ?? true,
    steps: spec.steps,
    mainTool: (message, state, results) => withAnswerLocale(state, message, () => nextCall(message, state, results)),
    answer: (message, results, state) => withAnswerLocale(state, message, () => spec.answer(message, results, state)),
  };

  function nextCall(message: string, state: State, results: Results | undefined): PolicyCall | undefined {
    if (!results) return primary?.(message, state, NO_RESULTS);
    for (const name of results.keys()) if (terminal.has(name) || isHandoffCall(name)) return undefined;
    for (const step of spec.steps) {
      const call = step(message, state, results);
      if (call && !results.has(call.name)) return call;
    }
    return undefined;
  }
}

/** The customer's first name: session state first, then tool results; '' when unknown. */
export function customerName(state: State, results: Results): string {
  return firstNameFromState(state) ?? firstNameFromResults(results) ?? '';
}

/** ", Ana" or "" — for greetings that read well with or without a name. */
export function commaName(state: State, results: Results): string {
  const name = customerName(state, results);
  return name ? `, ${name}` : '';
}
