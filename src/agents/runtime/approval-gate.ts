import type { Message, ToolResultPart, ToolUsePart, Usage } from '../model/index.js';
import type { TrustedContext } from '../tool.js';

/** One tool call as a gate sees it, before it runs. */
export interface GateRequest {
  /** The tool as the agent knows it (a host tool: `<server>__<tool>`). */
  tool: string;
  args: Record<string, unknown>;
  trusted: TrustedContext;
  /** The agent making the call. */
  agent: string;
  signal: AbortSignal;
}

/** What a gate says about a call: run it, ask a person first, or refuse it outright. */
export type GateVerdict =
  | { type: 'allow' }
  | { type: 'approval'; reason: string }
  /** Not even a person may approve it (above a tenant's maximum): the model reads `message`. */
  | { type: 'refuse'; message: string };

/**
 * The host's rules around tools: which calls wait for a person. Checked by the runtime before a tool
 * runs, never left to a prompt. Implementations must answer within the call's signal.
 */
export interface ApprovalGate {
  check(request: GateRequest): Promise<GateVerdict>;
}

/** Where a run stopped to wait for a person: enough to continue it, in the same agent, at that call. */
export interface PausePoint {
  /** The LlmAgent that made the call; the run resumes in it. */
  agent: string;
  /** Model calls this agent had made (its iteration limit keeps counting). */
  iteration: number;
  /** The call waiting for a decision. */
  call: ToolUsePart;
  reason: string;
  /** The results of the turn's calls in call order; `null` at the waiting call. */
  results: Array<ToolResultPart | null>;
  /** The agent's transcript: the user message first, the model's tool_use turn last. */
  transcript: Message[];
  /** Tokens used before the pause. */
  usage: Usage;
}

/** A person's decision on a paused call, as the runtime applies it. */
export type ApprovalDecision =
  | { type: 'approved'; args: Record<string, unknown>; approvalId: string; note?: string }
  | { type: 'rejected'; approvalId: string; note?: string }
  | { type: 'expired'; approvalId: string };

/** A paused run to continue: where it stopped and what was decided. */
export interface ResumePoint {
  point: PausePoint;
  decision: ApprovalDecision;
}

/** The run-wide approval context: the gate, and the decision being applied when the run resumes. */
export interface RunApprovals {
  gate?: ApprovalGate;
  resume?: ResumePoint & { consumed?: boolean };
  /** Set when the run paused (one pause per run: the first gated call wins). */
  paused?: PausePoint;
}

/**
 * Thrown through the agent stack when a call waits for a person. Not a failure: `BaseAgent.run` ends
 * quietly (no `final`, no `error`), parents stop the same way, and the Runner sees `approvals.paused`.
 */
export class RunPaused extends Error {
  readonly point: PausePoint;
  constructor(point: PausePoint) {
    super(`the run waits for approval of ${point.call.name}`);
    this.name = 'RunPaused';
    this.point = point;
  }
}
