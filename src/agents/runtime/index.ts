export { agentTool } from './agent-tool.js';
export type {
  ApprovalDecision,
  ApprovalGate,
  GateRequest,
  GateVerdict,
  PausePoint,
  ResumePoint,
} from './approval-gate.js';
export { BaseAgent } from './base-agent.js';
export type { AgentCallbacks } from './callbacks.js';
export { isPromiseLike } from './callbacks.js';
export type { ActiveContext, InvocationContext } from './context.js';
export { type AgentOutcome, errorOfEvent, eventBase } from './event-factory.js';
export { functionTool } from './function-tool.js';
export { LlmAgent } from './llm-agent.js';
export { LoopAgent } from './loop-agent.js';
export { ParallelAgent } from './parallel-agent.js';
export type { RunGuard } from './run-guard.js';
export {
  combineObservers,
  type ObservedAgentRun,
  type ObservedModelCall,
  type ObservedStep,
  type ObservedToolCall,
  type RunObserver,
} from './run-observer.js';
export type { RunOptions } from './run-options.js';
export type { PausedRun, RunResult } from './run-result.js';
export { type PreloadedSession, Runner, type RunRequest } from './runner.js';
export { SequentialAgent } from './sequential-agent.js';
export { answeredTools, type ToolPrerequisites, toolPrerequisites } from './tool-prerequisites.js';
export { setTracer } from './tracing.js';
