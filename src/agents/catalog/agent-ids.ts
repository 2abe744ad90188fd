import { patternAgentNames } from './patterns/pattern-names.js';
import type { AgentTemplate } from './template.js';

/**
 * The ids a catalog built from `templates` answers to, in its listing order (templates, then pattern
 * agents) — known without building an agent, so `ventros mcp` can list its tools before the host and
 * the store are up.
 */
export function catalogAgentIds(templates: readonly Pick<AgentTemplate, 'template_id'>[]): string[] {
  const ids = templates.map((t) => t.template_id);
  return [...ids, ...patternAgentNames(new Set(ids))];
}
