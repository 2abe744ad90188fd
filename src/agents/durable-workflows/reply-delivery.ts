import { type Logger, logger as rootLogger } from '../../shared/index.js';
import { type AgentApplication, type AgentRequest, AgentRequestSchema } from '../application/index.js';
import type { DeliverReply } from './workflow-service.js';

/** Hands one customer message to the workflows waiting for one (`WorkflowService.deliverReply`). */
export type ReplyDelivery = (reply: DeliverReply) => Promise<unknown>;

/**
 * The application with each customer's message also handed to that contact's durable workflows: a
 * valid `customer` request naming its contact is delivered while the agents answer it as always, so a
 * lead nurturing waiting for engagement records it (the workflow never answers; the live conversation
 * does). The request's `messageId` makes a retried or redelivered message count once. A delivery that
 * fails is logged and never fails the run; the answer waits for the delivery to settle, so the
 * workflow has the reply by the time the caller has the answer.
 *
 * Staff requests deliver nothing, and neither do the workflows' own agent runs: they go to the
 * undecorated application. `app` must be a plain object (its members are copied).
 *
 * @example
 * const served = deliveringReplies(app, (reply) => workflows.deliverReply(reply));
 * await served.execute({ message: 'Sim, tenho interesse', tenantId, contactId, audience: 'customer' });
 */
export function deliveringReplies<T extends AgentApplication>(app: T, deliver: ReplyDelivery, log?: Logger): T {
  const logger = log ?? rootLogger.child({ component: 'workflow-replies' });
  const startDelivery = (request: AgentRequest): Promise<void> | undefined => {
    const parsed = AgentRequestSchema.safeParse(request);
    if (!parsed.success || parsed.data.audience !== 'customer' || !parsed.data.contactId) return undefined;
    const r = parsed.data;
    return deliver({
      tenant_id: r.tenantId,
      contact_id: r.contactId as string,
      text: r.message,
      ...(r.messageId ? { message_id: r.messageId } : {}),
    }).then(
      () => undefined,
      (error: unknown) => {
        logger.warn({ err: error, tenant: r.tenantId, contact: r.contactId }, 'could not hand a reply to workflows');
      },
    );
  };
  return {
    ...app,
    async execute(request) {
      const delivery = startDelivery(request);
      try {
        return await app.execute(request);
      } finally {
        await delivery;
      }
    },
    async *stream(request) {
      const delivery = startDelivery(request);
      try {
        yield* app.stream(request);
      } finally {
        await delivery;
      }
    },
  };
}
