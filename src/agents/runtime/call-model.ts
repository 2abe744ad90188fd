import { runWithLogTrace } from '../../shared/telemetry/log-trace.js';
import { AgentError, toAgentError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import type { ModelRequest, ModelResponse } from '../model/index.js';
import { abortablePulls } from './abortable-pulls.js';
import { guardCallback, isPromiseLike } from './callbacks.js';
import type { ActiveContext } from './context.js';
import { chatSpan, recordChatResponse } from './gen-ai-spans.js';
import type { LlmSettings } from './llm-settings.js';
import { raceAbort } from './race-abort.js';
import { notify } from './run-observer.js';
import { currentSpanOf, openDescribedSpan } from './tracing.js';

/**
 * One model call with its callbacks: beforeModel may change the request or answer instead of the
 * model; afterModel may replace the response. Streams when the agent does (text deltas → `partial`
 * events). The run's signal bounds the call even if the adapter ignores it.
 */
export async function* callModel(
  settings: LlmSettings,
  ctx: ActiveContext,
  request: ModelRequest,
): AsyncGenerator<AgentEvent, ModelResponse, undefined> {
  const { callbacks, name } = settings;
  let response: ModelResponse | undefined;
  if (callbacks.beforeModel) {
    const answer = guardCallback('beforeModel', name, () => callbacks.beforeModel?.(ctx, request, settings.agent));
    const before = isPromiseLike(answer) ? await answer : answer;
    if (before && 'response' in before) response = before.response;
    else if (before) request = before;
  }
  if (response === undefined) {
    // Per-tenant limits: a tenant over its daily tokens or cost makes no further model call.
    ctx.guard?.admitModelCall?.({ tenantId: ctx.trusted.tenantId, agent: name, modelId: settings.model.id });
    const span = openDescribedSpan(
      () =>
        chatSpan(
          { agent: name, tenantId: ctx.trusted.tenantId, sessionId: ctx.trusted.sessionId, runId: ctx.runId },
          settings.model,
          request,
          settings.stream,
        ),
      currentSpanOf(ctx),
      'client',
    );
    const started = performance.now();
    const observed = {
      agent: name,
      tenantId: ctx.trusted.tenantId,
      modelId: settings.model.id,
      provider: settings.model.provider,
    };
    try {
      if (settings.stream) {
        // The stream is read here, not by a generator of its own: each `partial` event went through one
        // more async generator (its promises and results, per event) and each call made one more.
        const iterator = settings.model.stream(request)[Symbol.asyncIterator]();
        const pulls = abortablePulls(iterator, ctx.signal);
        let exhausted = false;
        let answered = false;
        let streamed: ModelResponse | undefined;
        try {
          for (;;) {
            const next = await pulls.next();
            if (next.done) {
              exhausted = true;
              break;
            }
            const event = next.value;
            if (event.type === 'text_delta') {
              if (event.text !== '') yield partialEvent(ctx, name, event.text);
            } else if (event.type === 'done') {
              streamed = event.response;
              answered = true;
              break;
            }
          }
        } finally {
          pulls.release();
          // Releases the adapter's stream. Not awaited: one stuck in `next()` would hold `return()` until it wakes.
          if (!exhausted) iterator.return?.()?.catch(() => {});
        }
        if (!answered) {
          throw new AgentError(
            'model_stream_incomplete',
            `the model stream of agent "${name}" ended without a response`,
          );
        }
        response = streamed as ModelResponse;
      } else {
        response = await raceAbort(
          runWithLogTrace(span.span.traceparent?.(), () => settings.model.generate(request)),
          ctx.signal,
        );
      }
      notify(ctx.observer, 'modelCalled', {
        ...observed,
        responseModel: response.model,
        durationMs: performance.now() - started,
        usage: response.usage,
      });
      recordChatResponse(span.span, response);
      span.end();
      const at = Date.now();
      yield {
        type: 'model_call',
        // The base fields written out (not `...eventBase()`): no object to copy them from, per event.
        runId: ctx.runId,
        agent: name,
        at,
        elapsedMs: at - ctx.startedAt,
        model: settings.model.id,
        provider: settings.model.provider,
        responseModel: response.model,
        latencyMs: Math.round(performance.now() - started),
        usage: response.usage,
        stopReason: response.stopReason,
      };
    } catch (error) {
      span.end(error);
      const errorType = toAgentError(error, ctx.signal).code;
      notify(ctx.observer, 'modelCalled', {
        ...observed,
        durationMs: performance.now() - started,
        usage: { inputTokens: 0, outputTokens: 0 },
        errorType,
      });
      throw error;
    } finally {
      span.end(); // a consumer that stopped the stream early
    }
  }
  if (callbacks.afterModel) {
    const current = response;
    const answer = guardCallback('afterModel', name, () => callbacks.afterModel?.(ctx, current, settings.agent));
    const after = isPromiseLike(answer) ? await answer : answer;
    if (after) response = after;
  }
  return response;
}

function partialEvent(ctx: ActiveContext, agent: string, text: string): AgentEvent {
  const at = Date.now();
  return { type: 'partial', runId: ctx.runId, agent, at, elapsedMs: at - ctx.startedAt, text };
}
