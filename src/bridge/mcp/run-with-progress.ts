import type { ServerContext } from '@modelcontextprotocol/server';
import type { AgentApplication } from '../../agents/application/agent-application.js';
import type { AgentRequest } from '../../agents/application/agent-request.js';
import { errorFromEvent } from '../../agents/application/error-from-event.js';
import type { ExecutionResult } from '../../agents/application/execution-result.js';
import type { AgentEvent, ErrorEvent } from '../../agents/events.js';

/**
 * Runs the agent; when the client asked for progress (a `progressToken`), streams the run and reports
 * each step (routing, tool calls and results, thoughts) as `notifications/progress`.
 */
export async function runWithProgress(
  app: AgentApplication,
  request: AgentRequest,
  extra: ServerContext,
): Promise<ExecutionResult> {
  const progressToken = extra.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return app.execute(request);
  let step = 0;
  let lastError: ErrorEvent | undefined;
  for await (const item of app.stream(request)) {
    if (item.type === 'result') return item.result;
    if (item.type === 'error') lastError = item;
    const message = progressMessage(item);
    if (message === undefined) continue;
    step += 1;
    await extra.mcpReq
      .notify({ method: 'notifications/progress', params: { progressToken, progress: step, message } })
      .catch(() => undefined); // a client that went away must not fail the run
  }
  // A failed run ends with its error event: report that error, as `execute` would have thrown it.
  throw lastError ? errorFromEvent(lastError) : new Error('the run ended without a result');
}

function progressMessage(item: AgentEvent): string | undefined {
  switch (item.type) {
    case 'route':
      return `routed to ${item.target} (confidence ${item.confidence.toFixed(2)})`;
    case 'tool_call':
      return `${item.agent}: calling ${item.tool}`;
    case 'tool_progress': {
      const amount = item.total === undefined ? `${item.progress}` : `${item.progress}/${item.total}`;
      return `${item.agent}: ${item.tool} ${amount}${item.message ? ` — ${item.message}` : ''}`;
    }
    case 'tool_result':
      return `${item.agent}: ${item.tool} ${item.isError ? 'failed' : 'done'} (${item.latencyMs} ms)`;
    case 'thought':
      return `${item.agent}: ${item.text.slice(0, 200)}`;
    case 'error':
      return `${item.agent}: error ${item.code}`;
    case 'partial': // deltas are too many to notify one by one
    case 'model_call':
    case 'final':
      return undefined;
    default: {
      const unknown: never = item; // every event type is handled above
      return unknown;
    }
  }
}
