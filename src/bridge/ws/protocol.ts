/**
 * The `/ws/agent` protocol: JSON text frames, several runs multiplexed on one socket by `id`.
 *
 * Client → server
 * - `{"type":"message","id"?,"agent"?,"message","contact_id"?,"session_id"?,"channel_id"?,"tenant_id"?,
 *    "context"?,"options"?:{"timeout_ms"?}}` starts a run. `agent` is `auto` (the default: route by the
 *   message) or a template id. The fields and their limits are the HTTP body's (`ExecuteBodySchema`);
 *   `tenant_id` is honoured only without API tokens, as on HTTP. Every run is the customer's (customer-
 *   facing agents, the sender's own data); a frame with `"audience":"staff"` is refused (permission_denied). Without `id` the server picks one
 *   (a UUID) and every frame of the run carries it.
 * - `{"type":"cancel","id"}` cancels a run in flight; it then ends with an `error` frame, code `cancelled`.
 *
 * Server → client, per run, in order
 * - every event of the run: `{"type":"thought"|"tool_call"|"tool_progress"|"tool_result"|"partial"|"final",
 *   "id", ...event}` (the `AgentEvent` fields: runId, agent, at, elapsedMs, text, tool, args, ...);
 * - then exactly one terminal frame: `{"type":"result","id","result":ExecutionResult}`, or
 *   `{"type":"error","id","code","message","details"?}` (a failed, cancelled or timed-out run). Nothing
 *   more is sent for that id afterwards.
 *
 * Frames the server cannot accept (not JSON, binary, unknown type, bad fields, unknown agent, a
 * duplicate id in flight, too many runs in flight, cancel of an unknown id) get an `error` frame with
 * the frame's `id` when it had one, `null` otherwise; the socket stays open. Codes are the HTTP error
 * codes: invalid_argument, not_found, conflict, rate_limited, cancelled, deadline_exceeded, internal.
 *
 * Closing the socket cancels its runs. The server pings every 30 s and drops a peer that did not
 * answer the previous ping; a frame over 1 MiB closes the socket with 1009 (message too big).
 */
import { z } from 'zod';
import type { ExecutionResult, StreamItem } from '../../agents/application/index.js';
import { ExecuteBodySchema } from '../execute-body.js';

/** Run ids the client chooses: short printable tokens. */
export const RunIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'id may hold letters, digits and _ . : - only');

/** `{"type":"message", ...}`: start a run (the HTTP execute body plus `type`, `id`, `agent`). */
export const MessageFrameSchema = ExecuteBodySchema.extend({
  type: z.literal('message'),
  id: RunIdSchema.optional(),
  agent: z
    .string()
    .regex(/^(auto|[a-z][a-z0-9_]{0,63})$/, 'agent must be "auto" or a template id like "retention_churn"')
    .optional(),
});

/** `{"type":"cancel","id"}`: cancel a run in flight. */
export const CancelFrameSchema = z.strictObject({ type: z.literal('cancel'), id: RunIdSchema });

/** Every frame a client may send. */
export const ClientFrameSchema = z.discriminatedUnion('type', [MessageFrameSchema, CancelFrameSchema]);

export type MessageFrame = z.infer<typeof MessageFrameSchema>;
export type CancelFrame = z.infer<typeof CancelFrameSchema>;
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** The terminal frame of a failed run, or the answer to a frame the server could not accept. */
export interface ErrorFrame {
  type: 'error';
  id: string | null;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  [eventField: string]: unknown;
}

/** The terminal frame of an answered run. */
export interface ResultFrame {
  type: 'result';
  id: string;
  result: ExecutionResult;
}

/** An event of a run, tagged with the run's id. */
export type EventFrame = Exclude<StreamItem, { type: 'result' }> & { id: string };

/** Every frame the server sends. */
export type ServerFrame = EventFrame | ResultFrame | ErrorFrame;

/** Default bound on runs in flight per socket. */
export const DEFAULT_MAX_RUNS_PER_SOCKET = 4;

/** Default keepalive period (a ping; a peer silent for two periods is dropped). */
export const DEFAULT_PING_INTERVAL_MS = 30_000;
