import type { Audience } from '../../shared/index.js';
import type { AgentEvent, FinalEvent } from '../events.js';
import type { Usage } from '../model/index.js';
import type { SessionKey } from '../sessions/index.js';
import type { PausePoint } from './approval-gate.js';

/** One tool call of a run, paired with its result. */
export interface RunToolCall {
  tool: string;
  args: Record<string, unknown>;
  output: string;
  isError: boolean;
  latencyMs: number;
  /** The agent that made the call. */
  agent: string;
}

/** What `Runner.execute` returns: the answer and everything that happened on the way. */
export interface RunResult {
  runId: string;
  text: string;
  /** The agent whose final answered: after handoffs or sequences, the deepest one known. */
  agentUsed: string;
  events: AgentEvent[];
  /** Tokens of the whole run, sub-agents included. */
  usage: Usage;
  latencyMs: number;
  toolCalls: RunToolCall[];
  thoughts: string[];
  session: SessionKey;
  /** The session state at the end of the run (`temp:` keys included). */
  state: Record<string, unknown>;
  /** Set when the run stopped to wait for a person: what it takes to continue it. */
  paused?: PausedRun;
}

/** A run waiting for a person: the pause point plus what its continuation needs. */
export interface PausedRun {
  point: PausePoint;
  /** The run's original message (the resumed run keeps it). */
  userMessage: string;
  audience: Audience;
}

/** The RunResult of a run that paused: no answer yet, the calls and thoughts so far. */
export function pausedRunResult(
  events: AgentEvent[],
  point: PausePoint & { runId: string },
  extra: {
    latencyMs: number;
    session: SessionKey;
    state: Record<string, unknown>;
    audience: Audience;
    userMessage: string;
  },
): RunResult {
  const { toolCalls, thoughts } = callsAndThoughts(events);
  const { runId, ...pausePoint } = point;
  return {
    runId,
    text: '',
    agentUsed: point.agent,
    events,
    usage: point.usage,
    latencyMs: extra.latencyMs,
    toolCalls,
    thoughts,
    session: extra.session,
    state: extra.state,
    paused: { point: pausePoint, userMessage: extra.userMessage, audience: extra.audience },
  };
}

/** Builds a RunResult from the events of a run that ended with its root's `final`. */
export function collectRunResult(
  events: AgentEvent[],
  final: FinalEvent,
  extra: {
    runId: string;
    latencyMs: number;
    session: SessionKey;
    state: Record<string, unknown>;
    /** Names of an agent's direct sub-agents (from the run's root tree). */
    subAgentsOf: (agent: string) => readonly string[];
  },
): RunResult {
  const { toolCalls, thoughts } = callsAndThoughts(events);
  return {
    runId: extra.runId,
    text: final.text,
    agentUsed: answeringAgent(events, final, extra.subAgentsOf),
    events,
    usage: final.usage,
    latencyMs: extra.latencyMs,
    toolCalls,
    thoughts,
    session: extra.session,
    state: extra.state,
  };
}

/** The tool calls (paired with their results) and thoughts of a run's events. */
function callsAndThoughts(events: readonly AgentEvent[]): { toolCalls: RunToolCall[]; thoughts: string[] } {
  const toolCalls: RunToolCall[] = [];
  const pending = new Map<string, { agent: string; tool: string; args: Record<string, unknown> }>();
  const thoughts: string[] = [];
  for (const event of events) {
    if (event.type === 'tool_call')
      pending.set(event.callId, { agent: event.agent, tool: event.tool, args: event.args });
    else if (event.type === 'thought') thoughts.push(event.text);
    else if (event.type === 'tool_result') {
      const call = pending.get(event.callId);
      pending.delete(event.callId);
      toolCalls.push({
        tool: event.tool,
        args: call?.args ?? {},
        output: event.content,
        isError: event.isError,
        latencyMs: event.latencyMs,
        agent: call?.agent ?? event.agent,
      });
    }
  }
  return { toolCalls, thoughts };
}

/**
 * The deepest agent that produced the answer. Finals arrive innermost first, so walking back from the
 * root's final reaches, one step at a time, the final that wrote the text: the handoff target's (named
 * by `transferTo`), or a workflow's sub-agent's with the same text. Anything else ends the walk.
 */
export function answeringAgent(
  events: readonly AgentEvent[],
  final: FinalEvent,
  subAgentsOf: (agent: string) => readonly string[],
): string {
  let current = final;
  for (let i = events.lastIndexOf(final) - 1; i >= 0; i--) {
    const event = events[i] as AgentEvent;
    if (event.type !== 'final' || event.text !== final.text) break;
    const follows = current.transferTo
      ? event.agent === current.transferTo
      : subAgentsOf(current.agent).includes(event.agent);
    if (!follows) break;
    current = event;
  }
  return current.agent;
}
