import { VentrosError } from '../../shared/index.js';

/**
 * A business failure the model should read and act on ("discount above 30%: escalate to a
 * supervisor"). The framework answers it as an MCP result with `isError: true` and the message as is;
 * it is data for the model, not a crash.
 *
 * @example
 * throw new ToolError('Lead score 42 is below 60: only qualified leads can be assigned.', { score: 42 });
 */
export class ToolError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('tool_error', message, details ? { details } : undefined);
  }

  static override isInstance(value: unknown): value is ToolError {
    return value instanceof ToolError;
  }
}
