import { describe, expect, it } from 'vitest';
import { type Model, type ModelStreamEvent, textOf, userText } from '../../../src/agents/model/index.js';
import {
  ModelAuthError,
  ModelBadRequestError,
  ModelOverloadedError,
  ModelRateLimitedError,
  ModelUnavailableError,
} from '../../../src/agents/providers/errors.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetry } from '../../../src/agents/providers/retry.js';
import { CancelledError, DeadlineExceededError } from '../../../src/shared/index.js';
import { useMockLlm } from '../../support/mock-llm/index.js';

const llm = useMockLlm();

const ask = { messages: [userText('Oi')], tools: [] };

async function drain(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const providers: Array<['anthropic' | 'gemini', () => Model]> = [
  ['anthropic', () => llm.models.anthropic],
  ['gemini', () => llm.models.gemini],
];

describe.each(providers)('%s retries', (provider, model) => {
  it('retries a 429 (honouring retry-after) and then succeeds', async () => {
    llm.mock.enqueue({ status: 429, retryAfterSeconds: 0.02 }, { text: 'feito' });
    const response = await model().generate(ask);
    expect(textOf(response.content)).toBe('feito');
    expect(llm.mock.requests).toHaveLength(2);
  });

  it('retries a 529 overload and a 500, then succeeds', async () => {
    llm.mock.enqueue({ status: 529 }, { status: 500 }, { text: 'feito' });
    const response = await model().generate(ask);
    expect(textOf(response.content)).toBe('feito');
    expect(llm.mock.requests).toHaveLength(3);
  });

  it('gives up after the attempt bound with a typed, retryable error', async () => {
    llm.mock.enqueue({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { text: 'never reached' });
    const error = await model()
      .generate(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelOverloadedError);
    expect(error).toMatchObject({ provider, status: 503, retryable: true, code: 'unavailable' });
    expect(llm.mock.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(llm.mock.pending).toBe(1);
  });

  it('says rate limited when 429s outlast the retries', async () => {
    llm.mock.enqueue(...Array.from({ length: 4 }, () => ({ status: 429, retryAfterSeconds: 0 })));
    await expect(model().generate(ask)).rejects.toBeInstanceOf(ModelRateLimitedError);
  });

  it('does not retry a 400', async () => {
    llm.mock.enqueue({ status: 400, errorMessage: 'tools.0.name: bad' }, { text: 'never reached' });
    const error = await model()
      .generate(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelBadRequestError);
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect((error as Error).message).toContain('tools.0.name: bad');
    expect(llm.mock.requests).toHaveLength(1);
  });

  it('does not retry a 401', async () => {
    llm.mock.enqueue({ status: 401 }, { text: 'never reached' });
    await expect(model().generate(ask)).rejects.toBeInstanceOf(ModelAuthError);
    expect(llm.mock.requests).toHaveLength(1);
  });

  it('stops with DeadlineExceededError when the backoff would pass the deadline', async () => {
    llm.mock.enqueue({ status: 429, retryAfterSeconds: 5 }, { text: 'never reached' });
    const error = await model()
      .generate({ ...ask, deadline: Date.now() + 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(llm.mock.requests).toHaveLength(1);
  });

  it('stops with DeadlineExceededError when the answer is slower than the deadline', async () => {
    llm.mock.enqueue({ text: 'too late', delayMs: 2_000 });
    await expect(model().generate({ ...ask, deadline: Date.now() + 150 })).rejects.toBeInstanceOf(
      DeadlineExceededError,
    );
  });

  it('stops with CancelledError when the signal aborts mid-request', async () => {
    llm.mock.enqueue({ text: 'too late', delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(model().generate({ ...ask, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('stops with CancelledError when the signal aborts during backoff', async () => {
    llm.mock.enqueue({ status: 429, retryAfterSeconds: 2 }, { text: 'never reached' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(model().generate({ ...ask, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(llm.mock.requests).toHaveLength(1);
  });

  it('retries a stream that failed before its first event', async () => {
    llm.mock.enqueue({ status: 529 }, { text: 'streamed after retry' });
    const events = await drain(model().stream(ask));
    const done = events.at(-1);
    expect(done?.type === 'done' && textOf(done.response.content)).toBe('streamed after retry');
    expect(llm.mock.requests).toHaveLength(2);
  });

  it('ends a stream with CancelledError when aborted mid-stream', async () => {
    llm.mock.enqueue({ text: 'um dois três quatro cinco seis sete oito', chunkDelayMs: 40 });
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    const run = async () => {
      for await (const event of model().stream({ ...ask, signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 1) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(CancelledError);
    expect(seen.some((e) => e.type === 'done')).toBe(false);
    expect(llm.mock.requests).toHaveLength(1);
  });
});

describe('the retry loop', () => {
  it('uses full jitter under an exponential ceiling', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffDelay(1, policy, 1_500)).toBe(1_500);
  });

  it('retries connection failures as unavailable', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
      { provider: 'gemini', policy: { baseDelayMs: 1, maxAttempts: 3 } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(calls).toBe(3);
  });

  it('does not wait for a retry-after beyond its limit', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw Object.assign(new Error('slow down'), { status: 429, headers: new Headers({ 'retry-after': '3600' }) });
      },
      { provider: 'anthropic' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(error).toBeInstanceOf(ModelRateLimitedError);
    expect(calls).toBe(1);
  });

  it('does not call at all when the signal has already aborted', async () => {
    let calls = 0;
    const controller = new AbortController();
    controller.abort();
    await expect(
      withRetry(async () => ++calls, { provider: 'anthropic', signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(0);
  });

  it('runs a call with no finite deadline to completion (no clamped timer)', async () => {
    const value = await withRetry(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return 'done';
      },
      { provider: 'anthropic', deadline: Number.POSITIVE_INFINITY },
    );
    expect(value).toBe('done');
  });
});
