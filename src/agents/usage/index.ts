export { estimateCostUsd, MODEL_PRICES, type ModelPrice, priceOf, UNKNOWN_MODEL_PRICE } from './model-prices.js';
export {
  type Limits,
  LimitsSchema,
  limitsOf,
  loadTenantLimits,
  type TenantLimits,
  TenantLimitsSchema,
} from './tenant-limits.js';
export { type TenantUsage, UsageLedger } from './usage-ledger.js';
