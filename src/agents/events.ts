import type { Usage } from './model/messages.js';

interface EventBase {
  /** The run this event belongs to (one per inbound message). */
  runId: string;
  /** The agent that produced it (a sub-agent's own name inside workflows and agent-tools). */
  agent: string;
  /** Epoch ms when it was produced. */
  at: number;
  /** Ms since the run started. */
  elapsedMs: number;
}

/** The model's reasoning text before a tool call (text that came with tool_use parts). */
export interface ThoughtEvent extends EventBase {
  type: 'thought';
  text: string;
}

export interface ToolCallEvent extends EventBase {
  type: 'tool_call';
  callId: string;
  tool: string;
  args: Record<string, unknown>;
}

export interface ToolResultEvent extends EventBase {
  type: 'tool_result';
  callId: string;
  tool: string;
  content: string;
  isError: boolean;
  structured?: unknown;
  latencyMs: number;
}

/**
 * A running tool call reported progress (MCP `notifications/progress`, or a local tool calling
 * `ToolContext.onProgress`). Throttled per call (at most one per 100 ms; the last one always comes),
 * and always between the call's `tool_call` and its `tool_result`.
 */
export interface ToolProgressEvent extends EventBase {
  type: 'tool_progress';
  callId: string;
  tool: string;
  /** Grows with each report; its unit is the tool's (steps, bytes, percent). */
  progress: number;
  /** The value `progress` reaches when done, when the tool knows it. */
  total?: number;
  message?: string;
}

/**
 * One model call finished: which model answered, how long it took and the tokens it used. Metrics,
 * traces and the playground's waterfall read it; a call answered by a `beforeModel` callback has none.
 */
export interface ModelCallEvent extends EventBase {
  type: 'model_call';
  /** The model the agent asked for (`claude-…`, `gemini-…`, `offline`). */
  model: string;
  provider: string;
  /** The model the provider says answered, when it names one. */
  responseModel: string;
  latencyMs: number;
  usage: Usage;
  stopReason: string;
}

/** A streamed piece of the answer. */
export interface PartialEvent extends EventBase {
  type: 'partial';
  text: string;
}

/** An agent finished. The run's last `final` (of the root agent) is the answer. */
export interface FinalEvent extends EventBase {
  type: 'final';
  text: string;
  /** Tokens used by this agent, sub-agents included. */
  usage: Usage;
  /** The agent wants the enclosing workflow to stop (ADK's escalate). */
  terminal?: boolean;
  /**
   * The agent handed the run over to this one (handoff). The field keeps its name: it reaches clients
   * in the SSE and WebSocket event streams.
   */
  transferTo?: string;
}

export interface ErrorEvent extends EventBase {
  type: 'error';
  code: string;
  message: string;
}

/**
 * The router picked who answers: the first event of a routed (`auto`) run. `target` is the agent that
 * runs — the chosen specialist, or the coordinator when the router is unsure (`fallback`).
 */
export interface RouteEvent extends EventBase {
  type: 'route';
  templateId: string;
  category: string;
  /** Calibrated 0..1. */
  confidence: number;
  fallback: boolean;
  target: string;
  /** The second-best template and its raw score, for people judging a close call. */
  runnerUp?: { templateId: string; score: number };
}

/** The one event stream of a run: HTTP SSE, gRPC streaming and MCP progress are fed from it. */
export type AgentEvent =
  | RouteEvent
  | ThoughtEvent
  | ModelCallEvent
  | ToolCallEvent
  | ToolProgressEvent
  | ToolResultEvent
  | PartialEvent
  | FinalEvent
  | ErrorEvent;

export type AgentEventType = AgentEvent['type'];
