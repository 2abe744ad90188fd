import { z } from 'zod';

/** Where a workflow is: `sleeping` while it waits for a day or a customer's reply. */
export const WorkflowStatusSchema = z.enum(['running', 'sleeping', 'completed', 'failed', 'cancelled']);

export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;

/** One recorded step of a workflow (`show`). Sleeps and reply waits are listed too. */
export const WorkflowStepSchema = z.object({
  name: z.string(),
  kind: z.enum(['step', 'sleep', 'reply']),
  status: z.enum(['completed', 'failed', 'waiting']),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  /** The end of a sleep or of a reply wait. */
  until: z.string().nullable(),
  error: z.string().nullable(),
});

export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

/** A workflow as `list` returns it (and `ventros workflows list --json` prints it). */
export const WorkflowRecordSchema = z.object({
  id: z.string(),
  workflow: z.string(),
  tenant_id: z.string(),
  contact_id: z.string(),
  status: WorkflowStatusSchema,
  /** Names of the completed effect steps, in order (sleeps and reply waits left out). */
  steps_done: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string().nullable(),
  /** When a sleeping workflow wakes up (its day, or the end of a reply wait). */
  wakes_at: z.string().nullable(),
  error: z.string().nullable(),
});

export type WorkflowRecord = z.infer<typeof WorkflowRecordSchema>;

/** A workflow as `show` returns it: the record, its start request, every step and the result. */
export const WorkflowDetailSchema = WorkflowRecordSchema.extend({
  input: z.unknown(),
  steps: z.array(WorkflowStepSchema),
  result: z.unknown(),
});

export type WorkflowDetail = z.infer<typeof WorkflowDetailSchema>;
