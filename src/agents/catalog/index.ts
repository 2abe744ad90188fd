export { type AgentCatalog, buildCatalog } from './build-catalog.js';
export { renderFormatGuide } from './format-guide/index.js';
export { HOST_AGENT_TOOLS, READ_RESOURCE_TOOL } from './host-agent-tools.js';
export { AGENT_CATEGORY_KEY, KNOWLEDGE_SCOPE_KEY } from './knowledge-scope.js';
export { routeOutcomeOf } from './routed-agent.js';
export { SENTIMENT_SCORE_KEY, SESSION_AUDIENCE_KEY } from './session-keys.js';
export { type AgentTemplate, templateTools } from './template.js';
export { TEMPLATES } from './templates.js';
