import { z } from 'zod';
import type { WorkflowClock } from './clock.js';
import type { WorkflowEffects } from './workflow-effects.js';

/**
 * What a workflow body may use. Everything non-deterministic (effects, the time, a customer's reply)
 * goes through a durable primitive, so re-running the body after a crash replays the recorded results
 * and continues where it stopped. The engine adapter implements it (see `dbos/dbos-context.ts`).
 */
export interface WorkflowContext {
  readonly workflowId: string;
  readonly effects: WorkflowEffects;
  readonly clock: WorkflowClock;
  /**
   * Runs `fn` as one durable step named `name`: once it completed, its result is returned from the
   * record and `fn` never runs again. `fn` must return JSON and may throw (the error is recorded too).
   */
  step<T>(name: string, fn: (io: StepIo) => Promise<T>, options?: StepOptions): Promise<T>;
  /** Sleeps `realMs` real milliseconds durably (a crash does not restart the sleep). */
  sleep(realMs: number): Promise<void>;
  /** Waits up to `realMs` for a customer's reply (see `WorkflowService.deliverReply`); null on timeout. */
  waitForReply(realMs: number): Promise<CustomerReply | null>;
  /** The current real time in epoch ms, recorded: a replay sees the same value. */
  now(): Promise<number>;
}

/** What a step's function receives. */
export interface StepIo {
  /** `<workflow id>/<step number>:<step name>`: the same on every attempt and after a crash. */
  idempotencyKey: string;
  /** Fires when the step's deadline passes or the workflow is cancelled. */
  signal: AbortSignal;
}

export interface StepOptions {
  /** Attempts before the step fails (1 = no retry). Default: the engine's. */
  maxAttempts?: number;
  /** Deadline of one attempt in ms. Default: the engine's. */
  timeoutMs?: number;
}

/** A customer's message delivered to a waiting workflow. */
export const CustomerReplySchema = z.object({
  text: z.string().max(20_000),
  message_id: z.string().max(200).optional(),
  received_at: z.string().max(40),
});

export type CustomerReply = z.infer<typeof CustomerReplySchema>;

/** The message topic customer replies travel on. */
export const REPLY_TOPIC = 'customer_reply';
