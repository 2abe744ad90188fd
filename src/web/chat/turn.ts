import type { ExecutionResult } from '../api/schemas.js';
import type { RunTreeBuilder } from '../run/run-tree.js';

/** One message of the chat; an assistant turn carries its run. */
export interface Turn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** The agent asked (`auto` or a type); the result names who answered. */
  agent: string;
  audience: 'staff' | 'customer';
  streaming: boolean;
  error?: string;
  result?: ExecutionResult;
  run?: RunTreeBuilder;
}
