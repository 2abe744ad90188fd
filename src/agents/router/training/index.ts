import { BROAD_CONTRAST } from './broad-contrast.js';
import { BROAD_ENGLISH } from './broad-english.js';
import { BROAD_ENGLISH_2 } from './broad-english-2.js';
import { BROAD_ENGLISH_3 } from './broad-english-3.js';
import { BROAD_MARKETING } from './broad-marketing.js';
import { BROAD_MIXED } from './broad-mixed.js';
import { BROAD_MULTI } from './broad-multi.js';
import { BROAD_NEGATION } from './broad-negation.js';
import { BROAD_NEGATION_2 } from './broad-negation-2.js';
import { BROAD_PIPELINE } from './broad-pipeline.js';
import { BROAD_PIPELINE_2 } from './broad-pipeline-2.js';
import { BROAD_REGIONAL } from './broad-regional.js';
import { BROAD_RETENTION } from './broad-retention.js';
import { BROAD_REVENUE } from './broad-revenue.js';
import { BROAD_SALES_LATAM } from './broad-sales-latam.js';
import { BROAD_SALES_REGISTERS } from './broad-sales-registers.js';
import { BROAD_SERVICE } from './broad-service.js';
import { BROAD_WEAK_KINDS } from './broad-weak-kinds.js';
import { INTERNAL_TRAINING } from './internal.js';
import { MARKETING_TRAINING } from './marketing.js';
import { OPERATIONS_TRAINING } from './operations.js';
import { RETENTION_TRAINING } from './retention.js';
import { RETIRED_TRUST_TRAINING } from './retired-trust-sets.js';
import { SALES_TRAINING } from './sales.js';
import { SUPPORT_TRAINING } from './support.js';

/** Several sets of utterances by template id, one list per template (sets are concatenated, never overwritten). */
export function mergedTraining(
  ...sets: ReadonlyArray<Readonly<Record<string, readonly string[]>>>
): Record<string, readonly string[]> {
  const out: Record<string, string[]> = {};
  for (const set of sets) {
    for (const [id, texts] of Object.entries(set)) out[id] = [...(out[id] ?? []), ...texts];
  }
  return out;
}

/**
 * The utterances written for the intent classifier, by template id: PT-BR, English and Spanish messages,
 * on top of each template's own `intent_examples`. Data, not code. The `broad-*` sets hold many templates
 * each, so sets are concatenated per template.
 */
export const AUTHORED_TRAINING: Readonly<Record<string, readonly string[]>> = Object.freeze(
  mergedTraining(
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
    BROAD_CONTRAST,
    BROAD_PIPELINE_2,
    BROAD_ENGLISH_2,
    BROAD_MULTI,
    BROAD_SALES_LATAM,
    BROAD_NEGATION,
    BROAD_NEGATION_2,
    BROAD_ENGLISH_3,
    BROAD_SALES_REGISTERS,
  ),
);

/**
 * The router's training utterances: the authored ones plus the retired trust sets (DEV and the three old
 * holdouts, `retired-trust-sets.ts`), which are real customer-style messages labelled by the agent a
 * supervisor picks first. Never a line of an active blind holdout (`trust-holdout-4.jsonl`):
 * test/agents/router/routing-trust.test.ts checks it.
 */
export const ROUTER_TRAINING: Readonly<Record<string, readonly string[]>> = Object.freeze(
  mergedTraining(AUTHORED_TRAINING, ...Object.values(RETIRED_TRUST_TRAINING)),
);
