import type { AgentTemplateInput } from '../template.js';
import { operationsFollowup } from './operations-followup.js';
import { operationsQa } from './operations-qa.js';
import { operationsSchedule } from './operations-schedule.js';

/** Operations: follow-ups, scheduling, and quality assurance of the service. */
export const OPERATIONS_TEMPLATES: readonly AgentTemplateInput[] = [
  operationsFollowup,
  operationsSchedule,
  operationsQa,
];
