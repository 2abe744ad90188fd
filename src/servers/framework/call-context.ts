import type { ServerContext } from '@modelcontextprotocol/server';
import { type Audience, fromMeta } from '../../shared/index.js';
import type { RecordWith } from './idempotency.js';

/**
 * The trusted context of one call: from the request's `_meta` (see src/shared/trusted-meta.ts), else
 * the server's defaults (VENTROS_TENANT_ID / VENTROS_CONTACT_ID env or options) — never from tool
 * arguments, which the model writes.
 */
export interface CallContext {
  tenantId: string;
  contactId?: string;
  sessionId?: string;
  /**
   * Who the call is for, from `_meta` (default `staff`: a client that sends no audience is the
   * operator's). In a `customer` call the trusted contact is the only one any tool reads or writes, and
   * tenant-wide tools refuse (see `contact-scope.ts`).
   */
  audience: Audience;
  /**
   * The call's idempotency key from `_meta` (`io.ventros/idempotency_key`): the same for every attempt
   * of one logical call. Writing tools run once per key; the gRPC proxy forwards it (`x-idempotency-key`).
   */
  idempotencyKey?: string;
  /**
   * Set for a writing tool's call with an idempotency key when the server's store can record a result
   * with the write that made it: the handler's last write goes through it (use `lastWrite`), and the
   * write and its record are one transaction.
   */
  recordWith?: RecordWith;
  /** A person approved this call (a gated action): the tool may go past the limit that gated it. */
  approvalId?: string;
  /** Aborts when the client cancels the request or the tool's deadline passes. */
  signal: AbortSignal;
  /** Reports progress to the client when it asked for it (a `progressToken`); a no-op otherwise. */
  progress?(progress: number, total?: number, message?: string): Promise<void>;
}

/** What a server falls back to when a request carries no trusted `_meta`. */
export interface ContextDefaults {
  tenantId: string;
  contactId?: string;
  /** The audience of calls without one in `_meta` (default `staff`). */
  audience?: Audience;
}

/** The parts of the SDK's request extra the context is built from. */
export interface RequestExtraLike {
  _meta?: Record<string, unknown> | undefined;
  sendNotification?: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; total?: number; message?: string };
  }) => Promise<void>;
}

/**
 * The SDK handler context (v2: `ctx.mcpReq`) as the parts createCallContext reads. `_meta` is the
 * request's own `_meta` with the protocol's `io.modelcontextprotocol/*` envelope keys (2026-07-28)
 * already lifted out, so our `io.ventros/*` keys read the same on both revisions.
 */
export function requestExtra(sdk: ServerContext): RequestExtraLike {
  return {
    _meta: sdk.mcpReq._meta,
    sendNotification: (notification) => sdk.mcpReq.notify(notification),
  };
}

/**
 * Builds the CallContext of one request. The `_meta` tenant wins over the defaults: on stdio the client
 * that sends `_meta` is the one that launched the process and chose its environment, so both channels
 * are equally trusted, and a host serving many tenants through one child needs `_meta` to win; the contact comes
 * from the same source as the tenant so a default contact never leaks into another tenant's call.
 */
export function createCallContext(
  extra: RequestExtraLike,
  defaults: ContextDefaults,
  signal: AbortSignal,
): CallContext {
  const trusted = fromMeta(extra._meta);
  const ctx: CallContext = {
    tenantId: trusted.tenantId ?? defaults.tenantId,
    audience: trusted.audience ?? defaults.audience ?? 'staff',
    signal,
  };
  const contactId = trusted.tenantId ? trusted.contactId : (trusted.contactId ?? defaults.contactId);
  if (contactId) ctx.contactId = contactId;
  if (trusted.sessionId) ctx.sessionId = trusted.sessionId;
  if (trusted.idempotencyKey) ctx.idempotencyKey = trusted.idempotencyKey;
  if (trusted.approvalId) ctx.approvalId = trusted.approvalId;
  const token = extra._meta?.progressToken;
  const send = extra.sendNotification;
  if ((typeof token === 'string' || typeof token === 'number') && send) {
    ctx.progress = async (progress, total, message) => {
      const params: { progressToken: string | number; progress: number; total?: number; message?: string } = {
        progressToken: token,
        progress,
      };
      if (total !== undefined) params.total = total;
      if (message !== undefined) params.message = message;
      await send({ method: 'notifications/progress', params });
    };
  }
  return ctx;
}
