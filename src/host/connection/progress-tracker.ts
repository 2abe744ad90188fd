import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import type { HostToolProgress } from '../types.js';

/**
 * Routes `notifications/progress` to the call that asked for them, reading them off the transport
 * in wire order. We do not use the SDK's `onprogress`: it defers notification handlers by a
 * microtask and drops the handler when the response arrives, so a server's last progress
 * notification (sent right before its answer) would be lost.
 */
export class ProgressTracker {
  private readonly handlers = new Map<string, (progress: HostToolProgress) => void>();
  private counter = 0;

  constructor(private readonly onHandlerError: (error: unknown) => void) {}

  /** A progress token for one call (string, so it never clashes with the SDK's numeric ids). */
  track(handler: (progress: HostToolProgress) => void): { token: string; dispose(): void } {
    const token = `ventros-${++this.counter}`;
    this.handlers.set(token, handler);
    return { token, dispose: () => this.handlers.delete(token) };
  }

  /** Looks at every incoming message; delivers the progress notifications we track. */
  onMessage(message: JSONRPCMessage): void {
    if (
      this.handlers.size === 0 ||
      !('method' in message) ||
      message.method !== 'notifications/progress' ||
      'id' in message
    )
      return;
    const params = message.params as {
      progressToken?: unknown;
      progress?: unknown;
      total?: unknown;
      message?: unknown;
    };
    const handler = typeof params?.progressToken === 'string' ? this.handlers.get(params.progressToken) : undefined;
    if (!handler || typeof params.progress !== 'number') return;
    try {
      handler({
        progress: params.progress,
        ...(typeof params.total === 'number' ? { total: params.total } : {}),
        ...(typeof params.message === 'string' ? { message: params.message } : {}),
      });
    } catch (error) {
      this.onHandlerError(error);
    }
  }
}
