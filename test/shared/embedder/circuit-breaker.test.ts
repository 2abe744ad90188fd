import { describe, expect, it } from 'vitest';
import { type Embedder, EmbeddingUnavailableError, withCircuitBreaker } from '../../../src/shared/index.js';

/** An embedder that fails while `down` is true, counting the calls that reached it. */
function flaky() {
  const state = { down: true, calls: 0 };
  const embedder: Embedder = {
    id: 'flaky:4',
    dimensions: 4,
    async embed(texts) {
      state.calls++;
      if (state.down) throw new Error('HTTP 500');
      return texts.map(() => new Float32Array(4));
    },
  };
  return { state, embedder };
}

describe('the embedding circuit breaker', () => {
  it('fails fast during the cool-down after a failure, then tries the provider again', async () => {
    let clock = 0;
    const { state, embedder } = flaky();
    const guarded = withCircuitBreaker(embedder, { cooldownMs: 1000, now: () => clock });
    await expect(guarded.embed(['a'])).rejects.toThrow('HTTP 500');
    await expect(guarded.embed(['b'])).rejects.toBeInstanceOf(EmbeddingUnavailableError);
    expect(state.calls).toBe(1);
    clock = 1000;
    state.down = false;
    await expect(guarded.embed(['c'])).resolves.toHaveLength(1);
    await expect(guarded.embed(['d'])).resolves.toHaveLength(1);
    expect(state.calls).toBe(3);
  });

  it('does not open when the caller cancelled', async () => {
    const { state, embedder } = flaky();
    const guarded = withCircuitBreaker(embedder, { cooldownMs: 1000, now: () => 0 });
    const controller = new AbortController();
    controller.abort();
    await expect(guarded.embed(['a'], controller.signal)).rejects.toThrow('HTTP 500');
    state.down = false;
    await expect(guarded.embed(['b'])).resolves.toHaveLength(1);
  });
});
