import { AgentError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import type { ModelRequest, ModelResponse } from '../model/index.js';
import { guardCallback } from './callbacks.js';
import type { ActiveContext } from './context.js';
import { eventBase } from './event-factory.js';
import type { LlmSettings } from './llm-settings.js';
import { raceAbort } from './race-abort.js';
import { currentSpanOf, openSpan } from './tracing.js';

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
    const before = await guardCallback('beforeModel', name, () =>
      callbacks.beforeModel?.(ctx, request, settings.agent),
    );
    if (before && 'response' in before) response = before.response;
    else if (before) request = before;
  }
  if (response === undefined) {
    const span = openSpan(
      'model.call',
      {
        'agent.name': name,
        'model.id': settings.model.id,
        'model.provider': settings.model.provider,
        'tenant.id': ctx.trusted.tenantId,
        'model.streaming': settings.stream,
      },
      currentSpanOf(ctx),
    );
    const started = performance.now();
    try {
      response = settings.stream
        ? yield* streamModel(settings, ctx, request)
        : await raceAbort(settings.model.generate(request), ctx.signal);
      span.span.setAttribute('model.response_model', response.model);
      span.span.setAttribute('model.stop_reason', response.stopReason);
      span.span.setAttribute('gen_ai.usage.input_tokens', response.usage.inputTokens);
      span.span.setAttribute('gen_ai.usage.output_tokens', response.usage.outputTokens);
      span.end();
      yield {
        type: 'model_call',
        ...eventBase(ctx, name),
        model: settings.model.id,
        provider: settings.model.provider,
        responseModel: response.model,
        latencyMs: Math.round(performance.now() - started),
        usage: response.usage,
        stopReason: response.stopReason,
      };
    } catch (error) {
      span.end(error);
      throw error;
    } finally {
      span.end(); // a consumer that stopped the stream early
    }
  }
  if (callbacks.afterModel) {
    const current = response;
    const after = await guardCallback('afterModel', name, () => callbacks.afterModel?.(ctx, current, settings.agent));
    if (after) response = after;
  }
  return response;
}

async function* streamModel(
  settings: LlmSettings,
  ctx: ActiveContext,
  request: ModelRequest,
): AsyncGenerator<AgentEvent, ModelResponse, undefined> {
  const iterator = settings.model.stream(request)[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), ctx.signal);
      if (next.done) {
        exhausted = true;
        break;
      }
      const event = next.value;
      if (event.type === 'text_delta') {
        if (event.text !== '') yield { type: 'partial', ...eventBase(ctx, settings.name), text: event.text };
      } else if (event.type === 'done') {
        return event.response;
      }
    }
  } finally {
    // Releases the adapter's stream. Not awaited: one stuck in `next()` would hold `return()` until it wakes.
    if (!exhausted) iterator.return?.()?.catch(() => {});
  }
  throw new AgentError(
    'model_stream_incomplete',
    `the model stream of agent "${settings.name}" ended without a response`,
  );
}
