import { NotFoundError } from '../../shared/errors.js';
import { ANALYTICS_TEMPLATES } from './analytics/index.js';
import { coordinatorTemplate } from './coordinator/coordinator-template.js';
import { GENERAL_TEMPLATES } from './general/index.js';
import { MARKETING_TEMPLATES } from './marketing/index.js';
import { OPERATIONS_TEMPLATES } from './operations/index.js';
import { RETENTION_TEMPLATES, TOOL_AGENT_TEMPLATES } from './retention/index.js';
import { SALES_TEMPLATES } from './sales/index.js';
import { SUPPORT_TEMPLATES } from './support/index.js';
import { type AgentTemplate, type AgentTemplateInput, parseTemplates } from './template.js';

const SPECIALISTS: readonly AgentTemplateInput[] = [
  ...SALES_TEMPLATES,
  ...RETENTION_TEMPLATES,
  ...SUPPORT_TEMPLATES,
  ...OPERATIONS_TEMPLATES,
  ...MARKETING_TEMPLATES,
  ...ANALYTICS_TEMPLATES,
  ...GENERAL_TEMPLATES,
];

/**
 * Every agent template (19 specialists, the retention supervisor that retention uses as a tool, and the
 * coordinator over the specialists), validated when this module loads: a bad template stops the
 * process at start with the template id and the field, not mid-conversation.
 */
export const TEMPLATES: readonly AgentTemplate[] = Object.freeze(
  parseTemplates([...SPECIALISTS, ...TOOL_AGENT_TEMPLATES, coordinatorTemplate(SPECIALISTS)]),
);

const BY_ID = new Map(TEMPLATES.map((t) => [t.template_id, t]));

/** Ids of every template, in catalog order. */
export const TEMPLATE_IDS: readonly string[] = TEMPLATES.map((t) => t.template_id);

/**
 * The template with this id.
 * @throws NotFoundError listing the known ids.
 * @example getTemplate('retention_churn').required_tools // ['search_memory', ...]
 */
export function getTemplate(id: string): AgentTemplate {
  const template = BY_ID.get(id);
  if (!template) {
    throw new NotFoundError(`unknown agent template "${id}"; known: ${TEMPLATE_IDS.join(', ')}`, {
      template_id: id,
      known: TEMPLATE_IDS,
    });
  }
  return template;
}

/** Whether a template with this id exists. */
export function hasTemplate(id: string): boolean {
  return BY_ID.has(id);
}
