import { logger } from '../../../shared/index.js';
import type { BaseAgent } from '../../runtime/index.js';
import type { AgentTemplate } from '../template.js';
import { createSupportHandoff } from './handoff.js';
import { createHierarchy } from './hierarchy.js';
import { createLeadEnrichment } from './lead-enrichment.js';
import { createOnboardingFlow } from './onboarding.js';
import type { PatternFactory } from './pattern-factory.js';
import { PATTERN_AGENTS, type PatternKey } from './pattern-names.js';
import { createQaLoop } from './qa-loop.js';
import { createReflectiveAgent } from './reflection.js';

/**
 * The agents of the catalog's workflow patterns (handoff, reflection, onboarding, lead enrichment, QA,
 * hierarchy); a pattern whose templates are missing is left out.
 */
export type PatternAgents = { [K in PatternKey]?: BaseAgent };

const BUILDERS: Record<PatternKey, (factory: PatternFactory) => BaseAgent> = {
  supportHandoff: createSupportHandoff,
  reflection: createReflectiveAgent,
  onboarding: createOnboardingFlow,
  leadEnrichment: createLeadEnrichment,
  qaLoop: createQaLoop,
  hierarchy: createHierarchy,
};

/** Builds every pattern whose templates the catalog has. */
export function buildPatterns(factory: PatternFactory, templates: readonly AgentTemplate[]): PatternAgents {
  const ids = new Set(templates.map((t) => t.template_id));
  const patterns: PatternAgents = {};
  for (const { key, needs } of PATTERN_AGENTS) {
    const missing = needs.filter((id) => !ids.has(id));
    if (missing.length > 0) {
      logger.debug({ pattern: key, missing }, 'pattern left out: templates missing');
      continue;
    }
    patterns[key] = BUILDERS[key](factory);
  }
  return patterns;
}
