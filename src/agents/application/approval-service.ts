import { randomUUID } from 'node:crypto';
import { errorMessage, logger, NotFoundError } from '../../shared/index.js';
import type { AgentCatalog } from '../catalog/index.js';
import { ApprovalConflictError } from '../errors.js';
import type { ApprovalDecision, BaseAgent, Runner, RunResult } from '../runtime/index.js';
import type { ApprovalRecord, ApprovalStatus, ApprovalStore } from '../sessions/index.js';
import {
  type ApprovalDecisionInput,
  type ApprovalView,
  approvalRequestOf,
  approvalViewOf,
  storedRunOf,
} from './approval-view.js';
import { awaitingApprovalAnswer, type ExecutionResult } from './execution-result.js';

/** Pending approvals expire after this long unless configured (`VENTROS_APPROVAL_TTL_SECONDS`). */
export const DEFAULT_APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;

/** What a decision answers: the approval, and the resumed run's result when it finished in time. */
export interface DecisionOutcome {
  approval: ApprovalView;
  /** The resumed run's execution result; absent when it did not finish within `waitMs` (then: 202). */
  result?: ExecutionResult;
  /** Settles when the resumed run has finished (its answer delivered), whatever `waitMs` was. */
  finished: Promise<ExecutionResult | undefined>;
}

/** Called when a resumed run finished: the bridge that received the message delivers the answer. */
export type ResumedListener = (
  approval: ApprovalView,
  origin: Record<string, unknown>,
  result: ExecutionResult,
) => void | Promise<void>;

/** Called when a run paused (RabbitMQ publishes `approval.requested`, MCP asks its client). */
export type RequestedListener = (approval: ApprovalView, origin: Record<string, unknown>) => void | Promise<void>;

/**
 * The approvals queue as every surface uses it: list, show, decide (which resumes the paused run), and
 * the expiry sweep. Tenant-scoped: another tenant's id is "not found".
 */
export interface ApprovalService {
  list(tenantId: string, status?: ApprovalStatus): Promise<ApprovalView[]>;
  get(tenantId: string, id: string): Promise<ApprovalView>;
  /**
   * Records the decision (ApprovalConflictError when it is no longer pending) and resumes the run at the
   * waiting call. Waits up to `waitMs` (default 0) for the resumed run's result.
   */
  decide(
    tenantId: string,
    id: string,
    input: ApprovalDecisionInput,
    options?: { decidedBy?: string; waitMs?: number },
  ): Promise<DecisionOutcome>;
  /** Expires pending approvals past their deadline and resumes their runs (the model is told); returns how many. */
  expireDue(now?: number): Promise<number>;
  /** Resumes runs decided before the process stopped (decided, not resumed); returns how many. */
  resumeUnfinished(): Promise<number>;
  pendingCounts(): Promise<Map<string, number>>;
  /**
   * A question from an MCP server (`elicitation/create`) that no person upstream can answer: it waits in
   * the queue like a gated call (`tool: "elicitation"`). Approved → `accept` with the approver's
   * arguments as the content; rejected → `decline`; expired or the caller gave up → `cancel`.
   */
  askQueue(
    request: QueuedQuestion,
  ): Promise<{ action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }>;
  onRequested(listener: RequestedListener): () => void;
  onResumed(listener: ResumedListener): () => void;
}

/** A server's question routed to the approvals queue. */
export interface QueuedQuestion {
  tenantId: string;
  /** Who asks (`mcp:<server>`). */
  source: string;
  message: string;
  requestedSchema?: unknown;
  signal: AbortSignal;
}

/** How often a queued question looks for its decision (decisions may come from another process). */
const QUESTION_POLL_MS = 500;

const isQuestion = (record: ApprovalRecord) =>
  typeof record.run === 'object' && record.run !== null && (record.run as { kind?: unknown }).kind === 'elicitation';

export interface ApprovalDeps {
  store: ApprovalStore;
  runner: Runner;
  catalog: AgentCatalog;
  ttlMs?: number;
  now?: () => number;
  /** The execution result of a finished run (the application's builder, with the customer guard). */
  resultOf(run: RunResult, entry: BaseAgent, audience: 'customer' | 'staff'): ExecutionResult;
}

/** What a paused run needs recorded: the run and where its message came from. */
export interface PauseContext {
  entryAgent: string;
  origin?: Record<string, unknown>;
}

/** The approvals service, plus `recordPause`, which the application calls when a run paused. */
export function createApprovalService(deps: ApprovalDeps): ApprovalService & {
  recordPause(run: RunResult, context: PauseContext): Promise<ApprovalRecord>;
} {
  const { store } = deps;
  const ttlMs = deps.ttlMs ?? DEFAULT_APPROVAL_TTL_MS;
  const now = deps.now ?? Date.now;
  const log = logger.child({ component: 'approvals' });
  const requested = new Set<RequestedListener>();
  const resumed = new Set<ResumedListener>();
  const running = new Map<string, Promise<ExecutionResult | undefined>>();

  const find = async (tenantId: string, id: string): Promise<ApprovalRecord> => {
    const record = await store.get(tenantId, id);
    if (!record) throw new NotFoundError(`approval "${id}" not found`, { id });
    return record;
  };

  async function recordPause(run: RunResult, context: PauseContext): Promise<ApprovalRecord> {
    const paused = run.paused;
    if (!paused) throw new Error('recordPause: the run did not pause');
    const at = now();
    const record: ApprovalRecord = {
      id: randomUUID(),
      tenantId: run.session.tenantId,
      contactId: run.session.contactId,
      sessionId: run.session.sessionId,
      agent: paused.point.agent,
      entryAgent: context.entryAgent,
      tool: paused.point.call.name,
      arguments: paused.point.call.input,
      reason: paused.point.reason,
      status: 'pending',
      requestedAt: at,
      expiresAt: at + ttlMs,
      origin: context.origin ?? {},
      run: { ...paused, state: run.state },
    };
    await store.create(record);
    log.info(
      {
        approvalId: record.id,
        tenantId: record.tenantId,
        tool: record.tool,
        agent: record.agent,
        reason: record.reason,
      },
      'a run waits for approval',
    );
    const view = approvalViewOf(record);
    for (const listener of requested) {
      Promise.resolve()
        .then(() => listener(view, record.origin))
        .catch((error: unknown) =>
          log.warn({ err: errorMessage(error), approvalId: record.id }, 'approval.requested listener failed'),
        );
    }
    return record;
  }

  /** Resumes the paused run of a decided approval, once per process; delivers its answer. */
  function resume(record: ApprovalRecord): Promise<ExecutionResult | undefined> {
    // A queued question has no run: whoever asked reads the decision from the store.
    if (isQuestion(record)) return store.markResumed(record.tenantId, record.id, now()).then(() => undefined);
    const key = `${record.tenantId}\u0000${record.id}`;
    const existing = running.get(key);
    if (existing) return existing;
    const work = resumeRun(record)
      .catch((error: unknown) => {
        log.error({ err: errorMessage(error), approvalId: record.id }, 'resuming a paused run failed');
        return undefined;
      })
      .finally(() => running.delete(key));
    running.set(key, work);
    return work;
  }

  async function resumeRun(record: ApprovalRecord): Promise<ExecutionResult> {
    const stored = storedRunOf(record);
    const entry = deps.catalog.has(record.entryAgent) ? deps.catalog.get(record.entryAgent) : undefined;
    const agent = deps.catalog.has(record.agent) ? deps.catalog.get(record.agent) : entry?.findAgent(record.agent);
    if (!agent) throw new NotFoundError(`agent "${record.agent}" of approval "${record.id}" no longer exists`);
    const decision = decisionOf(record);
    const run = await deps.runner.execute(agent, {
      message: stored.userMessage,
      tenantId: record.tenantId,
      contactId: record.contactId,
      sessionId: record.sessionId,
      audience: stored.audience,
      stateDelta: stored.state,
      resume: { point: stored.point, decision },
    });
    let result: ExecutionResult;
    if (run.paused) {
      const next = await recordPause(run, { entryAgent: record.entryAgent, origin: record.origin });
      result = deps.resultOf(run, entry ?? agent, stored.audience);
      result = {
        ...result,
        response: awaitingApprovalAnswer(run.state),
        thoughts: { ...result.thoughts, final_answer: awaitingApprovalAnswer(run.state) },
        status: 'awaiting_approval',
        approval: approvalRequestOf(next),
      };
    } else {
      result = deps.resultOf(run, entry ?? agent, stored.audience);
    }
    result.metadata['resumed_approval_id'] = record.id;
    await store.markResumed(record.tenantId, record.id, now());
    const view = approvalViewOf({ ...record, resumedAt: now() });
    log.info({ approvalId: record.id, status: record.status, tenantId: record.tenantId }, 'a paused run resumed');
    for (const listener of resumed) {
      try {
        await listener(view, record.origin, result);
      } catch (error) {
        log.warn({ err: errorMessage(error), approvalId: record.id }, 'delivering a resumed answer failed');
      }
    }
    return result;
  }

  return {
    recordPause,
    async list(tenantId, status) {
      return (await store.list(tenantId, status ? { status } : {})).map(approvalViewOf);
    },
    async get(tenantId, id) {
      return approvalViewOf(await find(tenantId, id));
    },
    async decide(tenantId, id, input, options = {}) {
      const current = await find(tenantId, id);
      if (current.status !== 'pending') {
        throw new ApprovalConflictError(`approval "${id}" is already ${current.status}`, {
          id,
          status: current.status,
        });
      }
      if (current.expiresAt <= now()) {
        await expire(current);
        throw new ApprovalConflictError(`approval "${id}" expired`, { id, status: 'expired' });
      }
      const decided = await store.decide(tenantId, id, {
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedAt: now(),
        ...(options.decidedBy ? { decidedBy: options.decidedBy } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(input.decision === 'approve' && input.arguments ? { decidedArguments: input.arguments } : {}),
      });
      if (!decided) throw new ApprovalConflictError(`approval "${id}" was decided by someone else`, { id });
      log.info({ approvalId: id, tenantId, decision: decided.status }, 'approval decided');
      const finished = resume(decided);
      const result = await within(finished, options.waitMs ?? 0);
      const outcome: DecisionOutcome = { approval: approvalViewOf(decided), finished };
      if (result) outcome.result = result;
      return outcome;
    },
    async expireDue(at = now()) {
      let count = 0;
      for (const record of await store.expired(at, 100)) {
        if (await expire(record)) count++;
      }
      return count;
    },
    async resumeUnfinished() {
      const records = await store.unresumed(100);
      await Promise.all(records.map((r) => resume(r)));
      return records.length;
    },
    pendingCounts: () => store.pendingCounts(),
    async askQueue(question) {
      const at = now();
      const record: ApprovalRecord = {
        id: randomUUID(),
        tenantId: question.tenantId,
        contactId: '',
        sessionId: '',
        agent: question.source,
        entryAgent: question.source,
        tool: 'elicitation',
        arguments: question.requestedSchema ? { requested_schema: question.requestedSchema } : {},
        reason: question.message.slice(0, 2000),
        status: 'pending',
        requestedAt: at,
        expiresAt: at + ttlMs,
        origin: { surface: 'mcp-server' },
        run: { kind: 'elicitation' },
      };
      await store.create(record);
      log.info({ approvalId: record.id, source: question.source }, 'a server question waits in the approvals queue');
      for (;;) {
        if (question.signal.aborted) return { action: 'cancel' };
        const current = await store.get(record.tenantId, record.id);
        if (current && current.status !== 'pending') {
          await store.markResumed(current.tenantId, current.id, now());
          if (current.status === 'approved') return { action: 'accept', content: current.decidedArguments ?? {} };
          return { action: current.status === 'rejected' ? 'decline' : 'cancel' };
        }
        if (current && current.expiresAt <= now()) {
          await expire(current);
          continue;
        }
        await new Promise<void>((done) => {
          const timer = setTimeout(done, QUESTION_POLL_MS);
          question.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              done();
            },
            { once: true },
          );
        });
      }
    },
    onRequested(listener) {
      requested.add(listener);
      return () => requested.delete(listener);
    },
    onResumed(listener) {
      resumed.add(listener);
      return () => resumed.delete(listener);
    },
  };

  async function expire(record: ApprovalRecord): Promise<boolean> {
    const expired = await store.decide(record.tenantId, record.id, { status: 'expired', decidedAt: now() });
    if (!expired) return false;
    log.info({ approvalId: record.id, tenantId: record.tenantId }, 'approval expired');
    await resume(expired);
    return true;
  }
}

function decisionOf(record: ApprovalRecord): ApprovalDecision {
  if (record.status === 'approved') {
    return {
      type: 'approved',
      args: record.decidedArguments ?? record.arguments,
      approvalId: record.id,
      ...(record.note ? { note: record.note } : {}),
    };
  }
  if (record.status === 'rejected') {
    return { type: 'rejected', approvalId: record.id, ...(record.note ? { note: record.note } : {}) };
  }
  return { type: 'expired', approvalId: record.id };
}

/** The promise's value if it settles within `ms`, else undefined (the work goes on). */
async function within<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
