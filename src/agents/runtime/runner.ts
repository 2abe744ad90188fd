import { randomUUID } from 'node:crypto';
import { type Audience, InvalidInputError, logger, type VentrosError } from '../../shared/index.js';
import { AgentError, RunCancelledError, RunDeadlineExceededError, toAgentError } from '../errors.js';
import type { AgentEvent, FinalEvent } from '../events.js';
import type { Message } from '../model/index.js';
import { textOf, userText } from '../model/index.js';
import {
  createSession,
  DEFAULT_MAX_STORED_MESSAGES,
  type Session,
  type SessionKey,
  type SessionStore,
  sessionKeyOf,
} from '../sessions/index.js';
import type { ApprovalGate, PausePoint, ResumePoint } from './approval-gate.js';
import type { BaseAgent } from './base-agent.js';
import type { ActiveContext } from './context.js';
import { errorEvent, errorOfEvent } from './event-factory.js';
import { completePrefix, HISTORY_WINDOW } from './history-window.js';
import type { RunGuard } from './run-guard.js';
import { notify, type RunObserver } from './run-observer.js';
import type { RunOptions } from './run-options.js';
import { collectRunResult, pausedRunResult, type RunResult } from './run-result.js';
import { KeyedLock } from './session-lock.js';
import { continueTrace, enterSpan } from './tracing.js';

/**
 * One inbound message to run. The application validated it at its edge (`AgentRequestSchema`); the
 * Runner only checks the invariants it relies on.
 */
export interface RunRequest {
  message: string;
  tenantId: string;
  /** Missing → the session's contact, or a generated id for a new session. */
  contactId?: string | undefined;
  /** Missing → a new session with a generated id. */
  sessionId?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Merged into session state before the run. */
  stateDelta?: Record<string, unknown> | undefined;
  /** Who the run is for (default `staff`); it travels in the trusted context to every agent and tool. */
  audience?: Audience | undefined;
  runId?: string | undefined;
  /** The caller's limits for this run: max tokens, temperature, allowed CRM tools. */
  options?: RunOptions | undefined;
  /**
   * Base of the idempotency keys of the run's tool calls (the inbound message's event id): a message
   * run again after a crash repeats the same keys, so writing tools return their first result. Without
   * one, the run's id is the base: every tool call carries a key.
   */
  idempotencyKey?: string | undefined;
  /**
   * Continue a paused run: `message` is the run's original message, the transcript comes from the pause
   * point, and the agent is the one whose call waited. The decision becomes that call's result.
   */
  resume?: ResumePoint | undefined;
  /** The caller's W3C trace context: the run's spans continue that trace (see `tracing.ts`). */
  traceparent?: string | undefined;
  /**
   * The session as `Runner.preloadSession` loaded it while the request was planned: the run uses it
   * instead of loading the session again, unless a run on the session ended since (then it reloads).
   */
  preloaded?: PreloadedSession | undefined;
}

/** A session loaded ahead of its run (see `Runner.preloadSession`); treat it as read-only until the run. */
export interface PreloadedSession {
  /** The stored session (its history window as the Runner loads it), or undefined: none stored yet. */
  readonly session: Session | undefined;
  readonly key: { tenantId: string; sessionId: string };
  /** The Runner's count of ended runs when the load began. */
  readonly epoch: number;
}

/** Sessions whose last run's end is remembered at most; past it, every older preload reloads. */
const MAX_REMEMBERED_ENDS = 10_000;

export interface RunnerOptions {
  sessions: SessionStore;
  /** Run deadline when the request has none (30 000 ms). */
  defaultTimeoutMs?: number;
  /** History kept per session when saving (200 messages; cut at an exchange boundary). */
  maxStoredMessages?: number;
  /**
   * History messages loaded per run (default 40, `HISTORY_WINDOW`): at least the largest `historyWindow`
   * of the agents it runs — an agent that wants more fails with `invalid_agent_config` instead of seeing less.
   */
  historyWindow?: number;
  /** The host's rules on which tool calls wait for a person (none: every call runs). */
  gate?: ApprovalGate;
  /** Watches every run (metrics, usage accounting); it never changes one. */
  observer?: RunObserver;
  /** Admits each run and model call, or refuses it with a typed error (per-tenant limits). */
  guard?: RunGuard;
}

/**
 * Runs one inbound message end to end: loads (or creates) the session, serializes runs on the same
 * session (different sessions run in parallel), applies the run deadline, streams every event, then
 * appends the run's transcript to the stored history and writes the state — once, at the end. It loads
 * only the window of history its agents read, and never rewrites older history.
 *
 * `run` never throws: its last event is the root agent's `final` or an `error`. `execute` drains it
 * and throws the typed error of a failed run.
 *
 * @example
 * const runner = new Runner({ sessions: new SqliteSessionStore({ path: 'data/sessions.db' }) });
 * const result = await runner.execute(agent, { message: 'Hi', tenantId: 't1', contactId: 'c1' });
 */
export class Runner {
  private readonly sessions: SessionStore;
  private readonly defaultTimeoutMs: number;
  private readonly maxStoredMessages: number;
  private readonly historyWindow: number;
  private readonly locks = new KeyedLock();
  private readonly gate: ApprovalGate | undefined;
  private readonly observer: RunObserver | undefined;
  private readonly guard: RunGuard | undefined;
  /** Runs ended so far (each run's end gets the next number). */
  private epoch = 0;
  /** Preloads older than this may predate a forgotten end: they reload. */
  private epochFloor = 0;
  /** Session lock key → the number of the last run on it that ended. */
  private readonly ended = new Map<string, number>();

  constructor(options: RunnerOptions) {
    this.sessions = options.sessions;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
    this.maxStoredMessages = options.maxStoredMessages ?? DEFAULT_MAX_STORED_MESSAGES;
    this.historyWindow = options.historyWindow ?? HISTORY_WINDOW;
    this.gate = options.gate;
    this.observer = options.observer;
    this.guard = options.guard;
  }

  /**
   * Loads a session for a request being planned (its contact and state decide the plan), with the
   * history window the run needs, so the run need not load it again: pass the result as the request's
   * `preloaded`. A run on the session that ends between this load and the run's start makes the run
   * load it afresh, so it never starts from a stale session.
   */
  async preloadSession(key: { tenantId: string; sessionId: string }): Promise<PreloadedSession> {
    const epoch = this.epoch;
    const session = await this.sessions.load(
      { tenantId: key.tenantId, contactId: '', sessionId: key.sessionId },
      { historyWindow: this.historyWindow },
    );
    return { session, key: { tenantId: key.tenantId, sessionId: key.sessionId }, epoch };
  }

  /**
   * Runs `agent` on the request; yields every event of the run. When the run answered, the generator
   * returns its {@link RunResult} (what `execute` returns); when it failed, its last event is the error.
   */
  async *run(agent: BaseAgent, request: RunRequest): AsyncGenerator<AgentEvent, RunResult | undefined, undefined> {
    const outcome: RunOutcome = {};
    const events: AgentEvent[] = [];
    // Checked once per run, not once per event (the usage ledger does not watch events).
    const observesEvents = this.observer?.event !== undefined;
    for await (const event of this.stream(agent, request, outcome)) {
      events.push(event);
      if (observesEvents) notify(this.observer, 'event', event, request.tenantId);
      yield event;
    }
    return resultOf(agent, request, outcome, events);
  }

  /**
   * Runs to the end; returns the answer with tool calls, thoughts, usage and latency. Collects the run's
   * events as `run` does, handed to a sink by `stream` instead of yielded: no generator hop per event
   * between the agent's stream and this (each hop's promises and results were ~600 bytes an event).
   */
  async execute(agent: BaseAgent, request: RunRequest): Promise<RunResult> {
    const outcome: RunOutcome = {};
    const events: AgentEvent[] = [];
    // Checked once per run, not once per event (the usage ledger does not watch events).
    const observer = this.observer?.event !== undefined ? this.observer : undefined;
    const collect = (event: AgentEvent): void => {
      events.push(event);
      if (observer) notify(observer, 'event', event, request.tenantId);
    };
    // With a sink the stream yields nothing: one pull runs it to its end.
    await this.stream(agent, request, outcome, collect).next();
    const result = resultOf(agent, request, outcome, events);
    if (result) return result;
    const last = events.at(-1);
    if (last?.type === 'error') throw errorOfEvent(last) ?? errorFromCode(last.code, last.message);
    throw new AgentError('internal', 'the run ended without an answer');
  }

  /**
   * The run's events, yielded — or, given a `sink`, handed to it as they come (then nothing is yielded,
   * in the same order and at the same points of the run).
   */
  private async *stream(
    agent: BaseAgent,
    request: RunRequest,
    outcome: RunOutcome,
    sink?: (event: AgentEvent) => void,
  ): AsyncGenerator<AgentEvent> {
    const startedAt = Date.now();
    const clock = performance.now();
    const runId = request.runId ?? randomUUID();
    const at = { runId, startedAt };
    const invalid = invalidRequest(request);
    if (invalid) {
      const event = errorEvent(at, agent.name, new InvalidInputError(`invalid run request: ${invalid}`));
      if (sink) sink(event);
      else yield event;
      return;
    }
    const req = request;
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    // Our own controller: the deadline, the caller's cancel, and our own stop when the consumer leaves.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new RunDeadlineExceededError(`the run deadline of ${timeoutMs} ms was exceeded`)),
      timeoutMs,
    );
    const onCallerAbort = () => controller.abort(toAgentError(undefined, req.signal));
    if (req.signal?.aborted) onCallerAbort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = controller.signal;

    let release: (() => void) | undefined;
    let ctx: ActiveContext | undefined;
    let final: FinalEvent | undefined;
    let saveAttempted = false;
    let endedCleanly = false;
    try {
      this.guard?.admitRun?.(req.tenantId);
      const lockKey = `${req.tenantId}\u0000${req.sessionId ?? runId}`;
      const unlock = await this.locks.acquire(lockKey, signal);
      release = () => {
        this.noteEnd(lockKey);
        unlock();
      };
      const session = await this.openSession(req, runId, lockKey);
      outcome.session = session;
      ctx = {
        runId,
        trusted: {
          tenantId: session.tenantId,
          contactId: session.contactId,
          sessionId: session.sessionId,
          audience: req.audience ?? 'staff',
          // Every tool call carries a key: the inbound event's id when there is one (a redelivery repeats
          // it), else this run's own id (a retry inside the run repeats it).
          runKey: req.idempotencyKey ?? runId,
        },
        session,
        signal,
        deadline: startedAt + timeoutMs,
        startedAt,
        userMessage: req.message,
        transcript: req.resume ? req.resume.point.transcript.slice() : [userText(req.message)],
        root: agent,
        depth: 0,
        counters: { handoffs: 0 },
        approvals: {
          ...(this.gate ? { gate: this.gate } : {}),
          ...(req.resume ? { resume: { ...req.resume } } : {}),
        },
        ...(this.observer ? { observer: this.observer } : {}),
        ...(this.guard ? { guard: this.guard } : {}),
      };
      if (req.options) ctx.options = req.options;
      // The root agent's span nests under the caller's (another process's) span.
      const remote = req.traceparent ? continueTrace(req.traceparent) : undefined;
      if (remote) enterSpan(ctx, remote);
      let failed = false;
      for await (const event of agent.run(ctx)) {
        if (event.type === 'final' && event.agent === agent.name) final = event;
        else if (event.type === 'error') failed = true;
        if (sink) sink(event);
        else yield event;
      }
      saveAttempted = true;
      const paused = ctx.approvals?.paused;
      if (paused && !failed) {
        // The history is written when the run ends, after the decision; the pause keeps the transcript.
        outcome.paused = { ...paused, runId };
        endedCleanly = true;
      } else {
        await this.saveRun(ctx, final);
        endedCleanly = final !== undefined && !failed;
      }
    } catch (error) {
      const event = errorEvent(at, agent.name, runnerError(error, signal));
      if (sink) sink(event);
      else yield event;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      // A consumer that stops early (or a failure that left sibling calls behind) must not leave tools and
      // models running. A run that answered without any error event has awaited all the work it started,
      // so nothing listens any more: it skips the abort, whose error object and dispatch cost ~30 µs a run.
      if (!signal.aborted && !endedCleanly) {
        controller.abort(new RunCancelledError('the run was stopped by its consumer'));
      }
      try {
        // The consumer left early: keep what completed (state changes happened in the real world).
        if (ctx && !saveAttempted) await this.saveRun(ctx, undefined);
      } catch (error) {
        logger.warn({ err: error, runId }, 'saving the session of an abandoned run failed');
      } finally {
        release?.();
      }
      outcome.latencyMs = performance.now() - clock;
    }
  }

  /** Remembers that a run on `lockKey` ended (it may have saved the session): older preloads reload. */
  private noteEnd(lockKey: string): void {
    this.epoch++;
    if (this.ended.size >= MAX_REMEMBERED_ENDS) {
      this.ended.clear();
      this.epochFloor = this.epoch;
    }
    this.ended.set(lockKey, this.epoch);
  }

  /** The request's preloaded session when nothing can have changed it since it was loaded. */
  private freshPreload(req: RunRequest, lockKey: string): PreloadedSession | undefined {
    const pre = req.preloaded;
    if (!pre || pre.key.tenantId !== req.tenantId || pre.key.sessionId !== req.sessionId) return undefined;
    if (pre.epoch < this.epochFloor || (this.ended.get(lockKey) ?? 0) > pre.epoch) return undefined;
    return pre;
  }

  private async openSession(req: RunRequest, runId: string, lockKey: string): Promise<Session> {
    const key: SessionKey = {
      tenantId: req.tenantId,
      contactId: req.contactId ?? '',
      sessionId: req.sessionId ?? runId,
    };
    const preloaded = req.sessionId ? this.freshPreload(req, lockKey) : undefined;
    const stored = preloaded
      ? preloaded.session
      : req.sessionId
        ? await this.sessions.load(key, { historyWindow: this.historyWindow })
        : undefined;
    if (stored && req.contactId !== undefined && stored.contactId !== req.contactId) {
      throw new InvalidInputError(`session "${key.sessionId}" belongs to another contact`, {
        sessionId: key.sessionId,
      });
    }
    const session = stored ?? createSession({ ...key, contactId: req.contactId ?? `contact-${randomUUID()}` });
    // What agents may read, also for a new session: an agent wanting more fails on its first run.
    session.historyLimit = this.historyWindow;
    if (req.stateDelta) Object.assign(session.state, req.stateDelta);
    return session;
  }

  /** Appends the run to the stored history (only its complete part if it failed) and writes the state, once. */
  private async saveRun(ctx: ActiveContext, final: FinalEvent | undefined): Promise<void> {
    const transcript = final ? ctx.transcript : completePrefix(ctx.transcript);
    const messages: Message[] = transcript.length > 0 ? transcript : [userText(ctx.userMessage)];
    // Agents that answer without the tool loop (a skip callback, a custom agent) leave no assistant turn.
    if (final && !endsWithAnswer(messages, final.text)) {
      messages.push({ role: 'assistant', content: [{ type: 'text', text: final.text }] });
    }
    ctx.session.updatedAt = Date.now();
    await this.sessions.append(ctx.session, messages, { maxMessages: this.maxStoredMessages });
  }
}

interface RunOutcome {
  session?: Session;
  latencyMs?: number;
  paused?: PausePoint & { runId: string };
}

/** What a run that yielded `events` returns: a paused run's or an answered run's result, else undefined. */
function resultOf(
  agent: BaseAgent,
  request: RunRequest,
  outcome: RunOutcome,
  events: AgentEvent[],
): RunResult | undefined {
  if (outcome.paused && outcome.session) {
    return pausedRunResult(events, outcome.paused, {
      latencyMs: outcome.latencyMs ?? 0,
      session: sessionKeyOf(outcome.session),
      state: { ...outcome.session.state },
      audience: request.audience ?? 'staff',
      userMessage: request.message,
    });
  }
  const last = events.at(-1);
  if (last?.type !== 'final' || !outcome.session) return undefined;
  return collectRunResult(events, last, {
    runId: last.runId,
    latencyMs: outcome.latencyMs ?? 0,
    session: sessionKeyOf(outcome.session),
    state: { ...outcome.session.state },
    subAgentsOf: (name) => agent.findAgent(name)?.subAgents.map((a) => a.name) ?? [],
  });
}

function endsWithAnswer(messages: readonly Message[], text: string): boolean {
  const last = messages.at(-1);
  return (
    last?.role === 'assistant' && !last.content.some((p) => p.type === 'tool_use') && textOf(last.content) === text
  );
}

/** What makes a request unrunnable, or undefined. The application validated the rest at its edge. */
function invalidRequest(request: RunRequest): string | undefined {
  if (typeof request.message !== 'string' || request.message.length === 0) return 'message must not be empty';
  if (typeof request.tenantId !== 'string' || request.tenantId.length === 0) return 'tenantId must not be empty';
  if (request.timeoutMs !== undefined && !(Number.isInteger(request.timeoutMs) && request.timeoutMs > 0)) {
    return 'timeoutMs must be a positive integer';
  }
  return undefined;
}

function runnerError(error: unknown, signal: AbortSignal): VentrosError {
  return error instanceof InvalidInputError ? error : toAgentError(error, signal);
}

function errorFromCode(code: string, message: string): VentrosError {
  if (code === 'deadline_exceeded') return new RunDeadlineExceededError(message);
  if (code === 'cancelled') return new RunCancelledError(message);
  return new AgentError(code, message);
}
