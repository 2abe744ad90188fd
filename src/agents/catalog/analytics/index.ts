import type { AgentTemplateInput } from '../template.js';
import { agentAnalyzer } from './agent-analyzer.js';
import { biManager } from './bi-manager.js';

/** Analytics: the BI manager (numbers) and the agent analyzer (why one agent does better). */
export const ANALYTICS_TEMPLATES: readonly AgentTemplateInput[] = [biManager, agentAnalyzer];
