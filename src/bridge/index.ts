export {
  type AmqpBridge,
  type AmqpBridgeOptions,
  APPROVAL_DECIDED_KEY,
  APPROVAL_DECISIONS_QUEUE,
  APPROVAL_REQUESTED_KEY,
  connectApprovalEvents,
  handleApprovalDecided,
  startAmqpBridge,
  startWorkflowEventConsumer,
  type WorkflowEventConsumer,
} from './amqp/index.js';
export { type ApiCaller, type ApiTokens, bearerToken, callerOf, parseApiTokens } from './api-tokens.js';
export { type GrpcBridge, startGrpcBridge } from './grpc/grpc-server.js';
export type {
  ConsoleContact,
  ConsoleSession,
  ConsoleSessionPart,
  ConsoleSource,
  ConsoleTenant,
} from './http/console-routes.js';
export { createHttpApp, type HttpAppDeps } from './http/create-http-app.js';
export {
  type HttpServerLimits,
  httpServerOptions,
  limitConnections,
} from './http/http-server-options.js';
export { HttpMetrics } from './http/metrics.js';
export { createPlaygroundRoutes, defaultPlaygroundRoot, type PlaygroundOptions } from './http/playground-routes.js';
export { createWorkflowRoutes, WorkflowsOffError, type WorkflowsPort } from './http/workflow-routes.js';
export { type AgentsMcpServerOptions, createAgentsMcpServer } from './mcp/agents-mcp-server.js';
export { McpHttpHandler } from './mcp/mcp-http-handler.js';
export { AgentMetrics, type AppMetrics, createAppMetrics, type OpsSources } from './metrics/index.js';
export { type AgentSocketOptions, createAgentSocketServer } from './ws/index.js';
