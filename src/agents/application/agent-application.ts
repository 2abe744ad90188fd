import type { AgentTemplate } from '../catalog/index.js';
import type { AgentEvent } from '../events.js';
import type { AgentRequest } from './agent-request.js';
import type { ApprovalService } from './approval-service.js';
import type { ExecutionResult } from './execution-result.js';

/** One item of a streamed run: each event, then one `result` with the execution result. */
export type StreamItem = AgentEvent | { type: 'result'; result: ExecutionResult };

/** An agent as the bridges list it (the seed's AgentInfo, snake_case). */
export interface AgentInfo {
  type: string;
  name: string;
  description: string;
  /** sales, retention, support, operations, marketing, analytics, general, coordinator, or workflow. */
  category: string;
  tools: string[];
  /** Whether customers may reach it; internal agents (analytics) answer staff only. */
  customer_facing: boolean;
  intent_examples?: string[];
  /** The average latency of its recent answers in this process, whole ms; 0 before the first. */
  avg_latency_ms: number;
}

/**
 * The use case every bridge and the CLI call: take a message, decide who answers, run it, and build the
 * execution result. Bridges decode their wire format into an {@link AgentRequest}, call one of these,
 * and encode the answer; they depend on nothing else of the agents layer.
 */
export interface AgentApplication {
  /** Runs to the end. Throws the run's typed error (InvalidInputError, NotFoundError, deadline, ...). */
  execute(request: AgentRequest): Promise<ExecutionResult>;
  /**
   * The run's events as they happen, then one `result` item. A run that fails ends with its `error`
   * event and no result; invalid requests and unknown agents throw before the first item.
   */
  stream(request: AgentRequest): AsyncIterable<StreamItem>;
  /** Every agent callers may name (templates, then pattern agents). */
  agents(): AgentInfo[];
  /** The agent templates (the seed's template fields, snake_case). */
  templates(): AgentTemplate[];
  /** The approvals queue (present when the application has an approval store). */
  readonly approvals?: ApprovalService;
}
