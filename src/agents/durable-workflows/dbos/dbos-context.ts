import { DBOS } from '@dbos-inc/dbos-sdk';
import type { WorkflowClock } from '../clock.js';
import { WorkflowEngineError } from '../errors.js';
import {
  type CustomerReply,
  CustomerReplySchema,
  REPLY_TOPIC,
  type StepIo,
  type StepOptions,
  type WorkflowContext,
} from '../workflow-context.js';
import type { WorkflowEffects } from '../workflow-effects.js';

/** Retry and deadline of effect steps (agent runs, tool calls, outbound messages). */
export interface StepPolicy {
  /** Attempts before a step fails (1 = no retry). */
  maxAttempts: number;
  /** Seconds before the first retry; doubles after each. */
  intervalSeconds: number;
  /** Deadline of one attempt. */
  timeoutMs: number;
}

/** Production default: about a minute of retries covers a model or broker hiccup. */
export const DEFAULT_STEP_POLICY: StepPolicy = { maxAttempts: 4, intervalSeconds: 5, timeoutMs: 120_000 };

/**
 * The WorkflowContext of the workflow DBOS is running now: steps are `DBOS.runStep`, sleeps
 * `DBOS.sleep`, reply waits `DBOS.recv` on the reply topic, `now` is `DBOS.now`. Call it inside a
 * registered workflow function.
 */
export function dbosContext(effects: WorkflowEffects, clock: WorkflowClock, policy: StepPolicy): WorkflowContext {
  const workflowId = DBOS.workflowID;
  if (workflowId === undefined) throw new WorkflowEngineError('dbosContext() called outside a DBOS workflow');
  return {
    workflowId,
    effects,
    clock,
    step<T>(name: string, fn: (io: StepIo) => Promise<T>, options: StepOptions = {}) {
      const maxAttempts = options.maxAttempts ?? policy.maxAttempts;
      return DBOS.runStep(() => fn(stepIo(workflowId, name)), {
        name,
        retriesAllowed: maxAttempts > 1,
        maxAttempts,
        intervalSeconds: policy.intervalSeconds,
        backoffRate: 2,
        timeoutMS: options.timeoutMs ?? policy.timeoutMs,
      });
    },
    sleep: (realMs) => DBOS.sleep(Math.max(0, Math.ceil(realMs))),
    async waitForReply(realMs) {
      // recv treats a zero timeout as "wait forever": a wait whose time is up still looks once.
      const message = await DBOS.recv<unknown>(REPLY_TOPIC, { timeoutSeconds: Math.max(1, Math.ceil(realMs)) / 1000 });
      if (message === null) return null;
      const parsed = CustomerReplySchema.safeParse(message);
      return parsed.success ? parsed.data : ({ text: String(message), received_at: '' } satisfies CustomerReply);
    },
    now: () => DBOS.now(),
  };
}

function stepIo(workflowId: string, name: string): StepIo {
  const status = DBOS.stepStatus;
  const signals = [status?.cancelSignal, status?.timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
  return {
    idempotencyKey: `${workflowId}/${DBOS.stepID ?? 0}:${name}`,
    signal: signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals),
  };
}
