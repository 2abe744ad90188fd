import type pg from 'pg';
import { z } from 'zod';
import { createPgPool, type Logger, pgQuery } from '../../../shared/index.js';
import type { StepInfo } from './dbos-records.js';

/**
 * One query for the steps of a whole page of workflows, where DBOS reads one workflow at a time (two
 * queries each). It reads DBOS's `operation_outputs` table (its documented system table; columns as of
 * @dbos-inc/dbos-sdk 5.3, schema migration 123) and decodes only what a list record needs: each step's
 * name, order and whether it failed, and a sleep's deadline — which DBOS writes as plain JSON
 * (`portable_json`, the epoch ms of the wake-up) and reads back with `JSON.parse`, as done here.
 */
const STEPS_SQL = (schema: string) => `
  SELECT workflow_uuid, function_id, function_name, error IS NOT NULL AS failed,
         CASE WHEN function_name = 'DBOS.sleep' THEN output END AS sleep_until,
         started_at_epoch_ms::float8 AS started_at, completed_at_epoch_ms::float8 AS completed_at
  FROM "${schema}".operation_outputs
  WHERE workflow_uuid = ANY($1::text[])
  ORDER BY workflow_uuid, function_id`;

const RowSchema = z.object({
  workflow_uuid: z.string(),
  function_id: z.number(),
  function_name: z.string().nullable(),
  failed: z.boolean(),
  sleep_until: z.string().nullable(),
  started_at: z.number().nullable(),
  completed_at: z.number().nullable(),
});

const FAILED = new Error('step failed');

/** Reads the steps of many workflows at once (for `list`); `show` keeps DBOS's own full reader. */
export class DbosStepReader {
  readonly #pool: pg.Pool;
  readonly #sql: string;

  constructor(options: { databaseUrl: string; schema: string; log?: Logger }) {
    this.#pool = createPgPool(options.databaseUrl, {
      max: 2,
      applicationName: 'ventros-workflows',
      ...(options.log ? { log: options.log } : {}),
    });
    this.#sql = STEPS_SQL(options.schema);
  }

  /** The steps of each workflow, in order; a workflow without steps is absent from the map. */
  async stepsOf(workflowIds: readonly string[]): Promise<Map<string, StepInfo[]>> {
    const steps = new Map<string, StepInfo[]>();
    if (workflowIds.length === 0) return steps;
    const { rows } = await pgQuery(this.#pool, { text: this.#sql, values: [workflowIds] });
    for (const raw of rows) {
      const row = RowSchema.parse(raw);
      const step: StepInfo = {
        functionID: row.function_id,
        name: row.function_name ?? '',
        output: row.sleep_until === null ? null : Number(JSON.parse(row.sleep_until)),
        error: row.failed ? FAILED : null,
        childWorkflowID: null,
        ...(row.started_at === null ? {} : { startedAtEpochMs: row.started_at }),
        ...(row.completed_at === null ? {} : { completedAtEpochMs: row.completed_at }),
      };
      const list = steps.get(row.workflow_uuid);
      if (list) list.push(step);
      else steps.set(row.workflow_uuid, [step]);
    }
    return steps;
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
