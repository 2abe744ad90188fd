/** Tool results of this turn, by bare tool name: parsed JSON, or the text when it was not JSON. */
export type PolicyResults = ReadonlyMap<string, unknown>;

/** The run's session state as a policy reads it (contact name, route hint, knowledge scope...). */
export type PolicyState = Readonly<Record<string, unknown>>;

/** A tool call a policy asks for, and what to call instead when the agent does not have that tool. */
export interface OfflineCall {
  name: string;
  args: Record<string, unknown>;
  /** Called instead when the agent does not have this tool. */
  fallback?: OfflineCall;
  /**
   * The protocol goes on without this call when the agent does not have the tool (an optional tool the
   * servers do not offer): the policy is asked again with the call marked as failed.
   */
  optional?: boolean;
}

/**
 * How the offline model acts as one agent without an LLM: which tool the agent calls next, with
 * arguments read from the customer's message, and how it phrases the answer. One per agent, found by
 * the agent's name (see `policies/index.ts`); the model contract knows nothing of it.
 */
export interface OfflinePolicy {
  /** Search memory first (with the user's message as the query) when a memory tool is offered. */
  searchMemoryFirst?: boolean;
  /**
   * The agent's next tool call, with arguments read from the message and the results of this turn's
   * calls so far, so a policy can chain steps (check value → offer or escalate); `undefined` = no more
   * calls, answer now. Each tool is called at most once a turn.
   */
  mainTool?: (message: string, state: PolicyState, results?: PolicyResults) => OfflineCall | undefined;
  /** The final answer, from the message and the tool results so far. */
  answer: (message: string, results: PolicyResults, state: PolicyState) => string;
}
