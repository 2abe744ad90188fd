import type { AgentApplication, AgentRequest } from '../../agents/application/index.js';
import type { SessionMessage, WorkflowEffects } from '../../agents/durable-workflows/index.js';
import type { Message } from '../../agents/model/index.js';
import type { SessionStore } from '../../agents/sessions/index.js';
import { queueWorkflowOutbound } from '../../bridge/amqp/workflow-outbound.js';
import type { OutboxStore } from '../../bridge/outbox/index.js';
import type { HostCallContext, McpHost } from '../../host/index.js';

/** The messages of one session `add_session` takes at most (its schema's bound). */
const MAX_SESSION_MESSAGES = 500;

export interface WorkflowEffectsDeps {
  /** The application the workflows' agent runs go to (not the one that delivers replies to them). */
  app: Pick<AgentApplication, 'execute'>;
  host: Pick<McpHost, 'callTool'>;
  sessions: Pick<SessionStore, 'load'>;
  /** Where workflow messages wait for the outbox publisher (the RabbitMQ bridge's store). */
  outbox: OutboxStore;
  /** Called after a message was queued: wakes the outbox publisher. */
  onQueued?: () => void;
}

/**
 * What the durable workflows do to the world, over the product's parts: an agent run is
 * `AgentApplication.execute` for the workflow's contact with the `customer` audience; a tool call is
 * `host.callTool` by the server's bare tool name (the host resolves `update_pipeline_stage` to
 * `sales__update_pipeline_stage`) with the trusted tenant, contact, session and the step's idempotency
 * key in `_meta`; a message is a `message.outbound` row in the outbox, written once per step, which
 * the outbox publisher sends exactly like an agent's answer.
 */
export function createWorkflowEffects(deps: WorkflowEffectsDeps): WorkflowEffects {
  return {
    runAgent(request, { signal }) {
      const run: AgentRequest = {
        agent: request.agent,
        message: request.message,
        tenantId: request.tenantId,
        contactId: request.contactId,
        audience: 'customer',
      };
      if (request.sessionId) run.sessionId = request.sessionId;
      if (request.context) run.context = request.context;
      if (signal) run.signal = signal;
      return deps.app.execute(run);
    },
    callTool(name, args, options) {
      const context: HostCallContext = {
        tenantId: options.tenantId,
        contactId: options.contactId,
        idempotencyKey: options.idempotencyKey,
      };
      if (options.sessionId) context.sessionId = options.sessionId;
      if (options.signal) context.signal = options.signal;
      return deps.host.callTool(name, args, context);
    },
    async sendOutbound(message, { idempotencyKey }) {
      const { queued } = await queueWorkflowOutbound(deps.outbox, message, idempotencyKey);
      if (queued) deps.onQueued?.();
    },
    async loadSessionMessages(tenantId, sessionId) {
      const key = { tenantId, contactId: '', sessionId };
      const session = await deps.sessions.load(key, { historyWindow: MAX_SESSION_MESSAGES });
      return session ? sessionMessages(session.history) : [];
    },
  };
}

/** A session's history as `add_session` takes it: the text of each turn (tool calls and results left out). */
export function sessionMessages(history: readonly Message[]): SessionMessage[] {
  const messages: SessionMessage[] = [];
  for (const message of history) {
    const text = message.content
      .flatMap((part) => (part.type === 'text' ? [part.text] : []))
      .join('\n')
      .trim();
    if (text) messages.push({ role: message.role, content: text.slice(0, 20_000) });
  }
  return messages.slice(-MAX_SESSION_MESSAGES);
}
