import {
  type Client,
  type McpSubscription,
  ProtocolError,
  ProtocolErrorCode,
  type SubscriptionFilter,
} from '@modelcontextprotocol/client';
import { errorMessage, type Logger, sleep } from '../../shared/index.js';

/** Consecutive failed (or short-lived) `subscriptions/listen` attempts before the host stops trying. */
export const MAX_LISTEN_FAILURES = 5;
/** A stream that stayed open this long counts as healthy: its end does not count as a failure. */
const HEALTHY_STREAM_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/** What following one client's list changes needs. */
export interface ListSubscriptionOptions {
  /** False once this client is no longer the connection's live one (restart, new session, close). */
  isCurrent(): boolean;
  /** Aborted when the host closes: ends the stream (the SDK sends `notifications/cancelled`). */
  signal: AbortSignal;
  /** First wait before re-listening, doubled per consecutive failure (capped at 30 s). */
  backoffMs: number;
  /** Bound on the wait for the server's acknowledgement. */
  ackTimeoutMs: number;
  /** After a reopened stream: changes may have been missed meanwhile, so re-list what it follows. */
  onReopened(filter: SubscriptionFilter): void;
  log: Logger;
}

/** True when the client negotiated the 2026-07-28 revision (list changes come on `subscriptions/listen`). */
export function isModernClient(client: Client): boolean {
  const version = client.getNegotiatedProtocolVersion();
  return version !== undefined && version >= '2026-07-28';
}

/** The list changes the server says it announces (`listChanged` capabilities); undefined: none. */
export function listChangeFilter(client: Client): SubscriptionFilter | undefined {
  const caps = client.getServerCapabilities();
  const filter: SubscriptionFilter = {
    ...(caps?.tools?.listChanged ? { toolsListChanged: true } : {}),
    ...(caps?.prompts?.listChanged ? { promptsListChanged: true } : {}),
    ...(caps?.resources?.listChanged ? { resourcesListChanged: true } : {}),
  };
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/**
 * On 2026-07-28 a server announces list changes only on a `subscriptions/listen` stream the client
 * opens (2025-11-25 sends `notifications/*_list_changed` unasked). The SDK delivers the stream's
 * notifications to the client's existing notification handlers, so the connection's refresh-on-change
 * handlers serve both revisions. The stream is re-opened when the server drops it, with backoff; after
 * {@link MAX_LISTEN_FAILURES} consecutive failures the host stops trying (lists are still re-read when
 * the connection restarts). Resolves when the stream ends for good: the host closed, the client was
 * replaced, or the attempts ran out.
 */
export async function followListChanges(client: Client, options: ListSubscriptionOptions): Promise<void> {
  const filter = listChangeFilter(client);
  if (!filter) return;
  let failures = 0;
  let opened = false;
  while (options.isCurrent() && !options.signal.aborted) {
    let subscription: McpSubscription | undefined;
    try {
      subscription = await client.listen(filter, { signal: options.signal, timeout: options.ackTimeoutMs });
    } catch (error) {
      if (options.signal.aborted || !options.isCurrent()) return;
      if (error instanceof ProtocolError && error.code === ProtocolErrorCode.MethodNotFound) {
        options.log.warn('the server advertises list changes but not subscriptions/listen; not followed');
        return;
      }
      failures++;
      options.log.warn({ err: errorMessage(error), failures }, 'subscriptions/listen failed');
    }
    if (subscription) {
      if (opened) options.onReopened(filter);
      opened = true;
      const since = performance.now();
      const how = await subscription.closed;
      if (how === 'local' || options.signal.aborted || !options.isCurrent()) return;
      failures = performance.now() - since >= HEALTHY_STREAM_MS ? 1 : failures + 1;
      options.log.info({ how, failures }, 'subscriptions/listen stream ended; re-opening');
    }
    if (failures >= MAX_LISTEN_FAILURES) {
      options.log.warn({ failures }, 'subscriptions/listen keeps failing; list changes are no longer followed');
      return;
    }
    try {
      await sleep(Math.min(options.backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS), options.signal);
    } catch {
      return; // the host closed while waiting
    }
  }
}
