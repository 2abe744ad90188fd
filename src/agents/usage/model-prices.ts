import type { Usage } from '../model/index.js';

/** A model's list price, US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Estimated list prices (USD per million tokens), matched by the longest prefix of the model name after
 * `provider:` — `anthropic:claude-sonnet-4-6` matches `claude-sonnet-4`. They are estimates for budgets
 * and dashboards, not an invoice: caching, batch discounts and long-context surcharges are ignored.
 * Update them here when a provider's prices change (docs/OBSERVABILITY.md lists them).
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'anthropic:claude-opus-4': { input: 15, output: 75 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15 },
  'anthropic:claude-3-7-sonnet': { input: 3, output: 15 },
  'anthropic:claude-3-5-sonnet': { input: 3, output: 15 },
  'anthropic:claude-haiku-4': { input: 1, output: 5 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
  'gemini:gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini:gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini:gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini:gemini-2.0-flash': { input: 0.1, output: 0.4 },
  offline: { input: 0, output: 0 },
};

/**
 * The price of a model this table does not know: a mid-range model's, so a cost budget still bounds a
 * tenant on a model nobody priced (zero would let it spend without limit).
 */
export const UNKNOWN_MODEL_PRICE: ModelPrice = { input: 3, output: 15 };

/**
 * `priceOf` in the built-in table, per model id: a process serves a handful of models, and the usage
 * ledger asks on every model call (a scan of the table's keys each time). Bounded all the same.
 */
const builtInPrices = new Map<string, ModelPrice>();
const MAX_PRICED_MODELS = 256;

/** The price of `modelId` (`anthropic:claude-sonnet-4-6`, `offline`, ...): longest matching prefix. */
export function priceOf(modelId: string, prices: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): ModelPrice {
  if (prices !== MODEL_PRICES) return longestPrefixPrice(modelId, prices);
  let price = builtInPrices.get(modelId);
  if (price === undefined) {
    price = longestPrefixPrice(modelId, prices);
    if (builtInPrices.size >= MAX_PRICED_MODELS) builtInPrices.clear();
    builtInPrices.set(modelId, price);
  }
  return price;
}

function longestPrefixPrice(modelId: string, prices: Readonly<Record<string, ModelPrice>>): ModelPrice {
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if ((modelId === key || modelId.startsWith(key)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? UNKNOWN_MODEL_PRICE : (prices[best] ?? UNKNOWN_MODEL_PRICE);
}

/**
 * Estimated cost of one call in US dollars.
 *
 * @example
 * estimateCostUsd('anthropic:claude-sonnet-4-6', { inputTokens: 1000, outputTokens: 200 }); // 0.006
 */
export function estimateCostUsd(modelId: string, usage: Usage): number {
  const price = priceOf(modelId);
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}
