import { describe, expect, it } from 'vitest';
import { estimateCostUsd, MODEL_PRICES, priceOf, UNKNOWN_MODEL_PRICE } from '../../../src/agents/usage/model-prices.js';

describe('priceOf', () => {
  it('takes the longest matching prefix of the built-in table, the same on every call (it is kept per model)', () => {
    for (let call = 0; call < 2; call++) {
      expect(priceOf('anthropic:claude-sonnet-4-6')).toBe(MODEL_PRICES['anthropic:claude-sonnet-4']);
      expect(priceOf('gemini:gemini-2.5-flash-lite-001')).toBe(MODEL_PRICES['gemini:gemini-2.5-flash-lite']);
      expect(priceOf('gemini:gemini-2.5-flash-001')).toBe(MODEL_PRICES['gemini:gemini-2.5-flash']);
      expect(priceOf('offline')).toEqual({ input: 0, output: 0 });
      expect(priceOf('someone:unpriced')).toBe(UNKNOWN_MODEL_PRICE);
    }
    expect(estimateCostUsd('anthropic:claude-sonnet-4-6', { inputTokens: 1000, outputTokens: 200 })).toBeCloseTo(0.006);
  });

  it('reads another table afresh: what the built-in table gave a model is not served for it', () => {
    expect(priceOf('offline')).toEqual({ input: 0, output: 0 });
    expect(priceOf('offline', { offline: { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
    expect(priceOf('offline', {})).toBe(UNKNOWN_MODEL_PRICE);
  });
});
