export { type AgentSocketDeps, type AgentSocketOptions, createAgentSocketApp } from './agent-socket-route.js';
export {
  type AgentSocketServer,
  type AgentSocketServerOptions,
  createAgentSocketServer,
} from './agent-socket-server.js';
export { AgentSocketSession, type AgentSocketSessionOptions } from './agent-socket-session.js';
export {
  type CancelFrame,
  CancelFrameSchema,
  type ClientFrame,
  ClientFrameSchema,
  DEFAULT_MAX_RUNS_PER_SOCKET,
  DEFAULT_PING_INTERVAL_MS,
  type ErrorFrame,
  type EventFrame,
  type MessageFrame,
  MessageFrameSchema,
  type ResultFrame,
  type ServerFrame,
} from './protocol.js';
export { type SocketVariables, socketAuth } from './socket-auth.js';
