import { AgentError } from '../errors.js';

/**
 * Base of the errors of durable workflows. `code` maps to a wire status like every VentrosError:
 * `not_found` → 404 / NOT_FOUND, `invalid_argument` → 400 / INVALID_ARGUMENT.
 */
export class WorkflowError extends AgentError {
  static override isInstance(value: unknown): value is WorkflowError {
    return value instanceof WorkflowError;
  }
}

/** No workflow has this id (or it belongs to another tenant: the caller cannot tell the two apart). */
export class WorkflowNotFoundError extends WorkflowError {
  constructor(workflowId: string) {
    super('not_found', `workflow "${workflowId}" not found`, { details: { workflow_id: workflowId } });
  }
}

/** The name given to `start` is none of the catalog's workflows. */
export class UnknownWorkflowError extends WorkflowError {
  constructor(name: string, known: readonly string[]) {
    super('not_found', `unknown workflow "${name}"; workflows: ${known.join(', ')}`, { details: { workflow: name } });
  }
}

/** A start request or an event payload failed validation. */
export class InvalidWorkflowInputError extends WorkflowError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_argument', message, details ? { details } : undefined);
  }
}

/**
 * A saga step failed and the completed steps were compensated in reverse order. Thrown out of the
 * workflow so the engine records it as failed; the message names the step and the compensations run.
 */
export class SagaCompensatedError extends WorkflowError {
  constructor(
    failedStep: string,
    cause: string,
    compensated: readonly string[],
    notCompensated: readonly string[] = [],
  ) {
    const failed = notCompensated.length > 0 ? `; compensations that failed: ${notCompensated.join(', ')}` : '';
    super(
      'saga_compensated',
      `step "${failedStep}" failed (${cause}); compensated: ${compensated.length > 0 ? compensated.join(', ') : 'nothing'}${failed}`,
      {
        details: { failed_step: failedStep, compensated: [...compensated], compensations_failed: [...notCompensated] },
      },
    );
  }
}

/** The engine cannot do what was asked in its current state (launched twice, used after close, ...). */
export class WorkflowEngineError extends WorkflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('workflow_engine', message, options);
  }
}
