import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../src/agents/model/index.js';
import { withModelCircuitBreaker } from '../../../src/agents/providers/model-circuit-breaker.js';
import { useMockLlm } from '../../support/mock-llm/index.js';

const llm = useMockLlm();
const request: ModelRequest = {
  system: 'You are terse.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }],
  tools: [],
};
const chatRequests = () => llm.mock.requests.filter((r) => r.kind === 'chat').length;

/** The real Anthropic SDK against the mock LLM server, behind a breaker on a clock the test moves. */
function guardedModel(opened: unknown[] = []) {
  let clock = 1_000_000;
  const model = withModelCircuitBreaker(llm.models.anthropic, {
    failureThreshold: 2,
    cooldownMs: 10_000,
    now: () => clock,
    onOpen: (details) => opened.push(details),
  });
  return { model, advance: (ms: number) => (clock += ms) };
}

describe('model circuit breaker', () => {
  it('opens after consecutive outages, fails fast with a retry-after, and closes on the first success after the cool-down', async () => {
    const opened: unknown[] = [];
    const { model, advance } = guardedModel(opened);
    llm.mock.setHandler(() => ({ status: 529, errorMessage: 'Overloaded' }));
    await expect(model.generate(request)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(model.generate(request)).rejects.toMatchObject({ code: 'unavailable' });
    expect(opened).toHaveLength(1);

    const before = chatRequests();
    const fast = await model.generate(request).catch((e: unknown) => e);
    expect(fast).toMatchObject({ code: 'unavailable', retryAfterMs: 10_000 });
    expect(chatRequests()).toBe(before); // the provider was not called

    advance(10_001);
    llm.mock.setHandler(() => ({ text: 'pong' }));
    await expect(model.generate(request)).resolves.toMatchObject({ content: [{ type: 'text', text: 'pong' }] });
    // Closed again: a single new outage does not open it.
    llm.mock.setHandler(() => ({ status: 529 }));
    await expect(model.generate(request)).rejects.toMatchObject({ code: 'unavailable' });
    llm.mock.setHandler(() => ({ text: 'pong' }));
    await expect(model.generate(request)).resolves.toBeDefined();
    expect(opened).toHaveLength(1);
  });

  it('never opens on refusals of the request itself (400), and guards streams until they answer', async () => {
    const opened: unknown[] = [];
    const { model } = guardedModel(opened);
    llm.mock.setHandler(() => ({ status: 400, errorMessage: 'bad request' }));
    for (let i = 0; i < 3; i++) await expect(model.generate(request)).rejects.toMatchObject({ code: 'internal' });
    expect(opened).toHaveLength(0);

    llm.mock.setHandler(() => ({ status: 529 }));
    const drain = async () => {
      for await (const _ of model.stream(request)) {
        // consume
      }
    };
    await expect(drain()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(drain()).rejects.toMatchObject({ code: 'unavailable' });
    expect(opened).toHaveLength(1);
    const before = chatRequests();
    await expect(drain()).rejects.toMatchObject({ retryAfterMs: 10_000 });
    expect(chatRequests()).toBe(before);
  });
});
