import type { AgentTemplateInput } from '../template.js';
import { supportBilling } from './support-billing.js';
import { supportOnboarding } from './support-onboarding.js';
import { supportTechnical } from './support-technical.js';

/** Support: technical problems, billing, onboarding of new customers. */
export const SUPPORT_TEMPLATES: readonly AgentTemplateInput[] = [supportTechnical, supportBilling, supportOnboarding];
