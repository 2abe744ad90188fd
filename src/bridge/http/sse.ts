import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StreamItem } from '../../agents/application/index.js';
import { toErrorResponse } from '../error-body.js';

/**
 * Streams a run as Server-Sent Events: one event per item, named after its type (`thought`,
 * `tool_call`, `tool_progress`, `tool_result`, `partial`, `final`, `error`, `result`). A failure after the stream has
 * started becomes an `error` event, since the status line is already sent.
 */
export function streamRun(c: Context, items: AsyncIterable<StreamItem>, abort: AbortController) {
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => abort.abort());
    let id = 0;
    try {
      for await (const item of items) {
        await stream.writeSSE({ event: item.type, data: JSON.stringify(item), id: String(id++) });
      }
    } catch (error) {
      const { body } = toErrorResponse(error);
      await stream.writeSSE({
        event: 'error',
        data: JSON.stringify({ type: 'error', ...body.error }),
        id: String(id++),
      });
    }
  });
}
