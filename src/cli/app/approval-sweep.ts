import type { ApprovalService } from '../../agents/application/index.js';
import { errorMessage, logger } from '../../shared/index.js';

/**
 * Runs the approvals' housekeeping: at start, resumes runs decided before the process stopped; then,
 * every `everyMs`, expires pending approvals past their deadline (their runs resume: the model is told
 * and answers the customer) and logs the queue's size. Returns the function that stops it.
 */
export function startApprovalSweep(approvals: ApprovalService, everyMs: number): () => Promise<void> {
  const log = logger.child({ component: 'approvals' });
  let current: Promise<void> | undefined;
  const sweep = (first: boolean) => {
    if (current) return;
    current = (async () => {
      if (first) {
        const resumed = await approvals.resumeUnfinished();
        if (resumed > 0) log.info({ resumed }, 'resumed runs decided before a restart');
      }
      const expired = await approvals.expireDue();
      const pending = [...(await approvals.pendingCounts()).values()].reduce((a, b) => a + b, 0);
      if (expired > 0 || pending > 0) log.info({ expired, pending }, 'approvals queue');
    })()
      .catch((error: unknown) => log.warn({ err: errorMessage(error) }, 'the approvals sweep failed'))
      .finally(() => {
        current = undefined;
      });
  };
  sweep(true);
  const timer = setInterval(() => sweep(false), everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
