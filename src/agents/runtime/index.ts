export { type AgentToolOptions, agentTool } from './agent-tool.js';
export { BaseAgent, type BaseAgentOptions, SubAgentFailed } from './base-agent.js';
export type { AgentCallbacks, CallbackName } from './callbacks.js';
export {
  type ActiveContext,
  activate,
  type InvocationContext,
  MAX_AGENT_TOOL_DEPTH,
  MAX_HANDOFFS_PER_RUN,
  type RunCounters,
} from './context.js';
export { type AgentOutcome, errorOfEvent, eventBase } from './event-factory.js';
export { type FunctionToolOptions, functionTool } from './function-tool.js';
export { handoffTool, handoffToolName, isHandoffToolName } from './handoff-tool.js';
export { completePrefix, HISTORY_WINDOW, historyWindow } from './history-window.js';
export { compileInstruction, type Instruction } from './instruction-template.js';
export { LlmAgent, type LlmAgentOptions } from './llm-agent.js';
export { LoopAgent, type LoopAgentOptions } from './loop-agent.js';
export type { NextStep } from './next-step.js';
export { ParallelAgent, parallelFailuresKey } from './parallel-agent.js';
export {
  PROGRESS_INTERVAL_MS,
  type ProgressThrottle,
  type ProgressThrottleOptions,
  throttleProgress,
} from './progress-throttle.js';
export { answeringAgent, collectRunResult, type RunResult, type RunToolCall } from './run-result.js';
export { Runner, type RunnerOptions, type RunRequest } from './runner.js';
export { type RuntimeLink, runtimeLinkOf } from './runtime-link.js';
export { SequentialAgent } from './sequential-agent.js';
export { KeyedLock } from './session-lock.js';
export { firstStop, iterationLimit, type LoopState, runAborted, type StopCondition } from './stop-conditions.js';
export { checkToolArgs } from './tool-schema-validator.js';
export { getTracer, openSpan, type Span, type SpanAttributes, setTracer, type Tracer, withSpan } from './tracing.js';
