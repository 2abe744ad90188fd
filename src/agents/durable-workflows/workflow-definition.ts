import type { z } from 'zod';
import type { StartRequestBase } from './start-requests.js';
import type { WorkflowContext } from './workflow-context.js';

/** The public names of the workflows (`/api/workflows/:name`, `ventros workflows`). */
export type WorkflowName = 'lead_nurturing' | 'customer_onboarding' | 'retention_campaign';

/**
 * One durable workflow: how to validate its start request, how its id is made, and its body. The
 * body is deterministic apart from what it does through `ctx` (see WorkflowContext).
 */
export interface WorkflowDefinition<I extends StartRequestBase = StartRequestBase, O = unknown> {
  name: WorkflowName;
  /** The name the engine records (the seed's class names), stable across deploys. */
  engineName: string;
  /** First part of the workflow id, as in the seed: `lead-nurturing-{contact_id}`. */
  idPrefix: string;
  description: string;
  input: z.ZodType<I, unknown>;
  run(input: I, ctx: WorkflowContext): Promise<O>;
}

/** A definition of any input type, for catalogs and engines. */
// biome-ignore lint/suspicious/noExplicitAny: the catalog holds definitions of different input types
export type AnyWorkflowDefinition = WorkflowDefinition<any, unknown>;

/**
 * Identity for a typed definition.
 *
 * @example export const leadNurturing = defineWorkflow({ name: 'lead_nurturing', ... });
 */
export function defineWorkflow<I extends StartRequestBase, O>(definition: WorkflowDefinition<I, O>) {
  return definition;
}

/**
 * The workflow id: the seed's `{prefix}-{key}`, scoped to the tenant so two tenants' contacts never
 * share a workflow. Both parts are URI-encoded, so the one raw `@` separates them unambiguously.
 *
 * @example workflowIdOf(leadNurturing, { tenant_id: 'acme', contact_id: 'c-1' }) // 'lead-nurturing-c-1@acme'
 */
export function workflowIdOf(definition: Pick<AnyWorkflowDefinition, 'idPrefix'>, input: StartRequestBase): string {
  const key = input.key ?? input.contact_id;
  return `${definition.idPrefix}-${encodeURIComponent(key)}@${encodeURIComponent(input.tenant_id)}`;
}
