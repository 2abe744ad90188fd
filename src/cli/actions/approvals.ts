import type { Command } from 'commander';
import { type ApprovalView, approvalViewOf, type ExecutionResult } from '../../agents/application/index.js';
import { type ApprovalStatus, openApprovalStore } from '../../agents/sessions/index.js';
import { InvalidInputError, loadEnv, NotFoundError } from '../../shared/index.js';
import { openApp } from './run.js';

const print = (json: boolean | undefined, value: unknown, human: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);

/** One approval for a terminal. */
export function formatApproval(a: ApprovalView): string {
  const decided = a.decided_at ? `\n    decided ${a.decided_at}${a.decided_by ? ` by ${a.decided_by}` : ''}` : '';
  const note = a.note ? `\n    note: ${a.note}` : '';
  return (
    `${a.id}  ${a.status}  ${a.tool}  (agent ${a.agent})\n    ${a.reason}\n` +
    `    arguments: ${JSON.stringify(a.decided_arguments ?? a.arguments)}\n` +
    `    contact ${a.contact_id}  session ${a.session_id}  requested ${a.requested_at}  expires ${a.expires_at}${decided}${note}`
  );
}

/** Reads need only the store, not the agents. */
async function withStore<T>(fn: (store: ReturnType<typeof openApprovalStore>) => Promise<T>): Promise<T> {
  const store = openApprovalStore(loadEnv());
  try {
    return await fn(store);
  } finally {
    await store.close?.();
  }
}

export async function listApprovals(options: { status?: string; tenant: string; json?: boolean }): Promise<void> {
  const views = await withStore(async (store) =>
    (await store.list(options.tenant, options.status ? { status: options.status as ApprovalStatus } : {})).map(
      approvalViewOf,
    ),
  );
  print(
    options.json,
    { approvals: views },
    views.length === 0 ? 'No approvals.' : views.map(formatApproval).join('\n'),
  );
}

export async function showApproval(id: string, options: { tenant: string; json?: boolean }): Promise<void> {
  const record = await withStore((store) => store.get(options.tenant, id));
  if (!record) throw new NotFoundError(`approval "${id}" not found`, { id });
  const view = approvalViewOf(record);
  print(options.json, view, formatApproval(view));
}

/** Decides, resumes the run here, and prints its answer (or that it still runs). */
export async function decideApproval(
  decision: 'approve' | 'reject',
  id: string,
  options: { tenant: string; note?: string; args?: string; json?: boolean },
  command: Command,
): Promise<void> {
  let args: Record<string, unknown> | undefined;
  if (options.args !== undefined) {
    try {
      args = JSON.parse(options.args) as Record<string, unknown>;
    } catch {
      throw new InvalidInputError('--args must be a JSON object');
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw new InvalidInputError('--args must be a JSON object');
    }
  }
  const app = await openApp(command);
  try {
    if (!app.approvals) throw new Error('this app has no approval store');
    const outcome = await app.approvals.decide(
      options.tenant,
      id,
      { decision, ...(args ? { arguments: args } : {}), ...(options.note ? { note: options.note } : {}) },
      { decidedBy: 'cli', waitMs: 120_000 },
    );
    const result: ExecutionResult | undefined = outcome.result ?? (await outcome.finished);
    print(
      options.json,
      { approval: outcome.approval, result },
      `${formatApproval(outcome.approval)}\n\n${result ? `${result.status === 'awaiting_approval' ? '(waits again) ' : ''}${result.response}` : '(the resumed run did not answer; see the logs)'}`,
    );
  } finally {
    await app.close();
  }
}
