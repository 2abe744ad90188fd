export type { AgentApplication, AgentInfo, AgentRequest, ExecutionResultJson, StreamItem } from './application.js';
export { createHttpApp, type HttpAppDeps } from './http/create-http-app.js';
export { HttpMetrics } from './http/metrics.js';
export { parseApiTokens } from './http/tenant-auth.js';
export { type AgentsMcpServerOptions, createAgentsMcpServer } from './mcp/agents-mcp-server.js';
export { McpHttpHandler } from './mcp/mcp-http-handler.js';
