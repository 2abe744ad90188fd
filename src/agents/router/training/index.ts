import { BROAD_ENGLISH } from './broad-english.js';
import { BROAD_MARKETING } from './broad-marketing.js';
import { BROAD_MIXED } from './broad-mixed.js';
import { BROAD_PIPELINE } from './broad-pipeline.js';
import { BROAD_REGIONAL } from './broad-regional.js';
import { BROAD_RETENTION } from './broad-retention.js';
import { BROAD_REVENUE } from './broad-revenue.js';
import { BROAD_SERVICE } from './broad-service.js';
import { BROAD_WEAK_KINDS } from './broad-weak-kinds.js';
import { INTERNAL_TRAINING } from './internal.js';
import { MARKETING_TRAINING } from './marketing.js';
import { OPERATIONS_TRAINING } from './operations.js';
import { RETENTION_TRAINING } from './retention.js';
import { SALES_TRAINING } from './sales.js';
import { SUPPORT_TRAINING } from './support.js';

/** Several sets of utterances by template id, one list per template (sets are concatenated, never overwritten). */
function merged(
  ...sets: ReadonlyArray<Readonly<Record<string, readonly string[]>>>
): Record<string, readonly string[]> {
  const out: Record<string, string[]> = {};
  for (const set of sets) {
    for (const [id, texts] of Object.entries(set)) out[id] = [...(out[id] ?? []), ...texts];
  }
  return out;
}

/**
 * The router's training utterances, by template id: PT-BR, English and Spanish messages written for the
 * intent classifier, on top of each template's own `intent_examples`. Data, not code: add a line where
 * the dev set shows a confusion, never a holdout message. The `broad-*` sets hold many templates each,
 * so sets are concatenated per template.
 */
export const ROUTER_TRAINING: Readonly<Record<string, readonly string[]>> = Object.freeze(
  merged(
    RETENTION_TRAINING,
    SUPPORT_TRAINING,
    SALES_TRAINING,
    OPERATIONS_TRAINING,
    MARKETING_TRAINING,
    INTERNAL_TRAINING,
    BROAD_RETENTION,
    BROAD_MARKETING,
    BROAD_SERVICE,
    BROAD_REVENUE,
    BROAD_ENGLISH,
    BROAD_REGIONAL,
    BROAD_PIPELINE,
    BROAD_MIXED,
    BROAD_WEAK_KINDS,
  ),
);
