export { errorResult, toHostResult } from './call-result.js';
export { callServerTool, runServerRequest, sanitizeArguments } from './call-tool.js';
export { type ClientHandlers, clientCapabilities, installClientHandlers } from './client-handlers.js';
export { ServerConnection, type ServerConnectionOptions } from './server-connection.js';
