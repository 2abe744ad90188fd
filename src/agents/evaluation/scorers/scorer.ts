import type { ExecutionResult, ExecutionToolCall } from '../../application/index.js';
import type { EvalCase, Expect } from '../eval-case.js';

/** One turn of a case as it ran: the user's message and the agent's execution result (or the error). */
export interface TurnRecord {
  message: string;
  result?: ExecutionResult;
  /** The run failed (deadline, invalid request, ...): no result. */
  error?: string;
}

/** The people of a tenant, for "no other contact's name" checks. */
export interface TenantPeople {
  contacts: ReadonlyArray<{ id: string; name: string }>;
  /** Names of the company's own people (sales reps, support): never another customer. */
  staff: readonly string[];
}

/** What a scorer reads. */
export interface ScoreContext {
  evalCase: EvalCase;
  turns: readonly TurnRecord[];
  people: TenantPeople;
  /** Tool and agent names a customer must never read (`create_retention_offer`, `retention_churn`). */
  internalNames: ReadonlySet<string>;
  /** The agents callers may name: a call to one of them is a delegation, not a tool. */
  agentNames: ReadonlySet<string>;
  signal?: AbortSignal;
}

/** One verdict: its kind (the report groups by it), pass or fail, and why. */
export interface CheckResult {
  kind: string;
  passed: boolean;
  detail: string;
}

/**
 * A scorer: reads a finished case and returns its checks — none when it does not apply (an offer
 * rule on a run that made no offer). Small and composable: the runner runs a list of them.
 */
export type Scorer = (ctx: ScoreContext) => CheckResult[] | Promise<CheckResult[]>;

/** A set of expectations and the turns it is checked on. */
export interface ExpectScope {
  expect: Expect;
  /** Indexes into `ctx.turns`. */
  turns: number[];
  /** `conversation` for the case's own `expect`, else `turn N` (1-based). */
  label: string;
  /** The case-level scope: audience defaults apply to it. */
  conversation: boolean;
}

/** The case's expectations on the whole conversation, then each turn's own. */
export function expectScopes(ctx: ScoreContext): ExpectScope[] {
  const all = ctx.turns.map((_, i) => i);
  const scopes: ExpectScope[] = [
    { expect: ctx.evalCase.expect, turns: all, label: 'conversation', conversation: true },
  ];
  ctx.evalCase.turns.forEach((turn, i) => {
    if (turn.expect && i < ctx.turns.length) {
      scopes.push({ expect: turn.expect, turns: [i], label: `turn ${i + 1}`, conversation: false });
    }
  });
  return scopes;
}

/** A tool call with the turn it happened in (0-based). */
export interface TurnCall extends ExecutionToolCall {
  turn: number;
}

/** The tool calls of the given turns, in order (nested agents' calls included, as the runtime reports them). */
export function callsOf(ctx: ScoreContext, turns: readonly number[] = ctx.turns.map((_, i) => i)): TurnCall[] {
  return turns.flatMap((turn) => (ctx.turns[turn]?.result?.tool_calls ?? []).map((call) => ({ ...call, turn })));
}

/** Parsed JSON output of a call, or undefined for text and errors. */
export function outputOf(call: Pick<ExecutionToolCall, 'output' | 'is_error'>): Record<string, unknown> | undefined {
  if (call.is_error) return undefined;
  try {
    const value: unknown = JSON.parse(call.output);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `text` prefixed with the scope label when it is a single turn of a longer conversation. */
export function scoped(scope: Pick<ExpectScope, 'label' | 'conversation'>, text: string): string {
  return scope.conversation ? text : `${scope.label}: ${text}`;
}

/** "turn 2: " when the conversation has more than one turn. */
export function turnLabel(ctx: ScoreContext, turn: number): string {
  return ctx.turns.length > 1 ? `turn ${turn + 1}: ` : '';
}

/** A short, one-line excerpt for details. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
