import { CallbackError } from '../errors.js';
import type { FinalEvent } from '../events.js';
import type { ModelRequest, ModelResponse } from '../model/index.js';
import type { Tool, ToolResult } from '../tool.js';
import type { InvocationContext, RunnableAgent } from './context.js';

/** A callback may answer now or later; `undefined` (or no return) means "carry on unchanged". */
type Maybe<T> = T | undefined | Promise<T | undefined>;

/**
 * Hooks around an agent, its model calls and its tool calls (ADK's six callbacks). Each may observe,
 * change, or short-circuit. A callback that throws stops the agent with a `callback_failed` error event:
 * a guard that breaks must fail closed, not be skipped. The last argument is the agent they belong to,
 * so one callbacks object can serve many agents.
 */
export interface AgentCallbacks {
  /** Return `{ skip: true, text }` to answer without running the agent. */
  beforeAgent?(ctx: InvocationContext, agent: RunnableAgent): Maybe<{ skip: true; text: string }>;
  /** Return `{ text }` to replace the agent's answer. */
  afterAgent?(ctx: InvocationContext, final: FinalEvent, agent: RunnableAgent): Maybe<{ text: string }>;
  /** Return a request to change it, or `{ response }` to answer without calling the model. */
  beforeModel?(
    ctx: InvocationContext,
    request: ModelRequest,
    agent: RunnableAgent,
  ): Maybe<ModelRequest | { response: ModelResponse }>;
  /** Return a response to replace the model's. */
  afterModel?(ctx: InvocationContext, response: ModelResponse, agent: RunnableAgent): Maybe<ModelResponse>;
  /** Return `{ args }` to change the arguments, or `{ result }` to block the call and answer with that result. */
  beforeTool?(
    ctx: InvocationContext,
    tool: Tool,
    args: Record<string, unknown>,
    agent: RunnableAgent,
  ): Maybe<{ args: Record<string, unknown> } | { result: ToolResult }>;
  /** Return a result to replace the tool's. */
  afterTool?(
    ctx: InvocationContext,
    tool: Tool,
    args: Record<string, unknown>,
    result: ToolResult,
    agent: RunnableAgent,
  ): Maybe<ToolResult>;
}

export type CallbackName = keyof AgentCallbacks;

/**
 * Calls a callback, turning a throw (or a rejection) into a typed `CallbackError` naming the callback
 * and the agent. A callback that answers synchronously (most do) gets its answer back as is, without a
 * promise: callers `await` the result either way.
 */
export function guardCallback<T>(name: CallbackName, agent: string, fn: () => T | Promise<T>): T | Promise<T> {
  let answer: T | Promise<T>;
  try {
    answer = fn();
  } catch (error) {
    throw new CallbackError(name, agent, error);
  }
  if (!isPromiseLike(answer)) return answer;
  return Promise.resolve(answer).then(undefined, (error: unknown) => {
    throw new CallbackError(name, agent, error);
  });
}

/**
 * Whether a callback's answer must be awaited. Callers await only then: most callbacks answer
 * synchronously, and each `await` of a plain value cost a suspension (~300 bytes of promise, reaction
 * and job) and a microtask, several times a message.
 */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
