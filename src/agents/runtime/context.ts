import type { AgentEvent } from '../events.js';
import type { Message } from '../model/index.js';
import { userText } from '../model/index.js';
import type { Session } from '../sessions/index.js';
import type { TrustedContext } from '../tool.js';
import type { RunApprovals } from './approval-gate.js';
import type { RunGuard } from './run-guard.js';
import type { RunObserver } from './run-observer.js';
import type { RunOptions } from './run-options.js';

/** At most this many handoffs (transfer_to_<agent>) per run: two agents cannot ping-pong forever. */
export const MAX_HANDOFFS_PER_RUN = 5;

/** At most this many nested agent-tool runs (an agent calling an agent calling an agent ...). */
export const MAX_AGENT_TOOL_DEPTH = 5;

/**
 * An agent as a run sees it: a name, a tree where handoff targets are found, and a run. `BaseAgent`
 * implements it; it is declared here so that the run's context and the callbacks do not depend on the
 * agent class (which depends on them).
 */
export interface RunnableAgent {
  readonly name: string;
  readonly description: string;
  /** Whether the agent may serve a customer run (internal agents serve staff only). */
  readonly customerFacing: boolean;
  /** This agent or the first one named `name` in its tree. */
  findAgent(name: string): RunnableAgent | undefined;
  /** Runs the agent; yields every event; the last one is this agent's `final` or an `error`. */
  run(ctx: InvocationContext): AsyncGenerator<AgentEvent, void, undefined>;
}

/** Counters shared by every branch of one run. */
export interface RunCounters {
  handoffs: number;
  /**
   * Tool calls started so far, per agent name: the call's position in the run, part of its idempotency
   * key. Per agent, so parallel sub-agents (each its own name) number their calls independently of timing.
   */
  toolCalls?: Record<string, number>;
}

/** What every agent gets while it runs. */
export interface InvocationContext {
  runId: string;
  /** Who the run is for; tools receive it from here, never from model-written arguments. */
  trusted: TrustedContext;
  /** Shared, mutable state of the conversation during the run. */
  session: Session;
  /** Fires on cancellation and at the run deadline. */
  signal: AbortSignal;
  /** Epoch ms. */
  deadline: number;
  startedAt: number;
  /** The inbound text of this run (an agent tool's child run: the request it was given). */
  userMessage: string;
  /**
   * This run's new messages, the user message first. Agents running one after the other (sequence,
   * handoff) share it, so each sees what happened; a parallel branch or agent-tool child gets its own.
   * The Runner appends it to the session history at the end. Filled in by `BaseAgent.run` when absent.
   */
  transcript?: Message[];
  /** The agent the run started with; handoff targets are looked up in its tree. */
  root?: RunnableAgent;
  /** Agent-tool nesting depth; 0 for the run's root. */
  depth?: number;
  /** Run-wide counters, shared by branches and child runs. */
  counters?: RunCounters;
  /** The caller's limits for this run (sampling, allowed tools); child runs inherit them. */
  options?: RunOptions;
  /** The approval gate and a resumed run's decision; shared by branches and child runs. */
  approvals?: RunApprovals;
  /** Watches the run (metrics, usage); copied into branches and child runs. */
  observer?: RunObserver;
  /** Admits or refuses work (per-tenant limits); copied into branches and child runs. */
  guard?: RunGuard;
}

/** An InvocationContext whose run bookkeeping is filled in. */
export type ActiveContext = InvocationContext &
  Required<Pick<InvocationContext, 'transcript' | 'root' | 'depth' | 'counters'>>;

/** Fills in the run bookkeeping an agent needs when whoever started the run did not (cheap; mutates `ctx`). */
export function activate(ctx: InvocationContext, agent: RunnableAgent): ActiveContext {
  ctx.transcript ??= [userText(ctx.userMessage)];
  ctx.root ??= agent;
  ctx.depth ??= 0;
  ctx.counters ??= { handoffs: 0 };
  return ctx as ActiveContext;
}

/** A branch of the run for a parallel sub-agent: same session, signal and counters; its own transcript. */
export function branchContext(ctx: ActiveContext): ActiveContext {
  return { ...ctx, transcript: ctx.transcript.slice() };
}
