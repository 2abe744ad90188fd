import type { Server } from 'node:http';
import { serve as serveHttp, upgradeWebSocket } from '@hono/node-server';
import type { Command } from 'commander';
import {
  SESSION_ENDED_QUEUE,
  sessionEndedKey,
  sessionEndedKeyOrUndefined,
} from '../../agents/application/session-end/index.js';
import {
  type AmqpBridge,
  APPROVAL_DECIDED_KEY,
  APPROVAL_DECISIONS_QUEUE,
  connectApprovalEvents,
  createAgentsMcpServer,
  createAppMetrics,
  createHttpApp,
  defaultPlaygroundRoot,
  handleApprovalDecided,
  httpServerOptions,
  limitConnections,
  McpHttpHandler,
  parseApiTokens,
  startAmqpBridge,
  startGrpcBridge,
  startWorkflowEventConsumer,
} from '../../bridge/index.js';
import { openOutboxStore, outboxPublisherSettings } from '../../bridge/outbox/index.js';
import { createAgentSocketServer } from '../../bridge/ws/index.js';
import { DEFAULT_TENANT_ID, loadEnv, logger } from '../../shared/index.js';
import { consoleSource } from '../app/console-source.js';
import { startWorkflows } from '../app/start-workflows.js';
import { createApp } from '../create-app.js';
import { onShutdown } from '../shutdown.js';
import { workerIndex } from './serve-workers.js';

/** `ventros serve` — HTTP (+ MCP at /mcp), gRPC, and RabbitMQ when configured. */
export async function serveAll(
  options: { port?: string; grpcPort?: string; host: string },
  command: Command,
): Promise<void> {
  const rawEnv = {
    ...process.env,
    ...(options.port ? { PORT: options.port } : {}),
    ...(options.grpcPort ? { GRPC_PORT: options.grpcPort } : {}),
  };
  const env = loadEnv(rawEnv);
  const config = command.optsWithGlobals<{ config?: string }>().config;
  const log = logger.child({ component: 'serve' });
  // One registry for /metrics; the agents' metrics watch every run through the runtime's observer seam.
  const categories = new Map<string, string>();
  const metrics = createAppMetrics({ processMetrics: true, categoryOf: (name) => categories.get(name) });
  const app = await createApp({
    env: rawEnv,
    ...(config ? { configPath: config } : {}),
    seedIfEmpty: true,
    approvalSweepMs: 60_000,
    resumeSessionEnds: true,
    observer: metrics.agents,
  });
  for (const info of app.agents()) categories.set(info.type, info.category);
  app.usage.onRefused = (tenantId, limit) => metrics.agents.limitRefusals.inc({ tenant_id: tenantId, limit });
  categories.set('auto', 'router');
  const apiTokens = parseApiTokens(env.VENTROS_API_TOKENS);
  const defaultTenantId = env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID;
  // One outbox for the bridge's answers and the workflows' messages; one publisher sends both.
  const outbox = env.RABBITMQ_URL || env.DATABASE_URL ? openOutboxStore(env) : undefined;
  let amqp: AmqpBridge | undefined;
  const workflows = await startWorkflows({ env, app, outbox, onQueued: () => amqp?.publisher.notify() });
  // Customers' messages also reach their contact's waiting workflows (the answer path is unchanged).
  const served = workflows ? workflows.deliveringReplies(app) : app;
  amqp =
    env.RABBITMQ_URL && outbox
      ? await startAmqpBridge({
          url: env.RABBITMQ_URL,
          app: served,
          outbox,
          ...(env.VENTROS_AMQP_CONCURRENCY ? { concurrency: env.VENTROS_AMQP_CONCURRENCY } : {}),
          ...(env.VENTROS_AMQP_PREFETCH ? { prefetch: env.VENTROS_AMQP_PREFETCH } : {}),
          ...(env.VENTROS_AMQP_PARTITIONS ? { partitions: env.VENTROS_AMQP_PARTITIONS } : {}),
          ...(env.VENTROS_INSTANCE_ID ? { instanceId: env.VENTROS_INSTANCE_ID } : {}),
          // Retry base, the failed-row counter and the DLQ webhook alert (VENTROS_OUTBOX_*, VENTROS_DLQ_ALERT_WEBHOOK_URL).
          publisher: outboxPublisherSettings(env, metrics.outbox),
        })
      : undefined;
  const workflowEvents =
    env.RABBITMQ_URL && workflows
      ? await startWorkflowEventConsumer({
          url: env.RABBITMQ_URL,
          handle: (event) => {
            // The workflows add the ended session themselves; the tracker only stops its idle clock.
            const ended = sessionEndedKeyOrUndefined(event);
            if (ended) app.sessionEnds.endedElsewhere(ended);
            return workflows.handleEvent(event);
          },
        })
      : undefined;
  // Without durable workflows, `session.ended` still ends the conversation: its session goes to memory.
  const sessionEndedEvents =
    env.RABBITMQ_URL && !workflows
      ? await startWorkflowEventConsumer({
          url: env.RABBITMQ_URL,
          queue: { name: SESSION_ENDED_QUEUE, routingKeys: ['session.ended'] },
          handle: async (event) => app.sessionEnds.end(sessionEndedKey(event), 'event'),
        })
      : undefined;
  // Gated actions over RabbitMQ: approval.requested out (outbox), approval.decided in, resumed answers out.
  const approvals = app.approvals;
  const disconnectApprovals =
    amqp && outbox && approvals ? connectApprovalEvents(approvals, outbox, () => amqp?.publisher.notify()) : undefined;
  const approvalDecisions =
    env.RABBITMQ_URL && approvals
      ? await startWorkflowEventConsumer({
          url: env.RABBITMQ_URL,
          queue: { name: APPROVAL_DECISIONS_QUEUE, routingKeys: [APPROVAL_DECIDED_KEY] },
          handle: (event) => handleApprovalDecided(event, approvals),
        })
      : undefined;
  if (workflows && !env.RABBITMQ_URL) {
    log.warn(
      'RABBITMQ_URL is not set: workflow messages wait in the outbox until an instance with RabbitMQ sends them',
    );
  }
  metrics.addSources({ ...(outbox ? { outbox } : {}), servers: () => app.host.status() });
  const worker = workerIndex();
  const sockets = createAgentSocketServer();
  const stateKey = env.VENTROS_MCP_STATE_KEY;
  const mcp = new McpHttpHandler({
    createServer: (tenantId) =>
      createAgentsMcpServer(served, { tenantId, ...(stateKey ? { requestStateKey: stateKey } : {}) }),
  });
  const http = createHttpApp({
    app: served,
    metrics: metrics.http,
    usage: app.usage,
    bodyTimeoutMs: env.VENTROS_HTTP_BODY_TIMEOUT_MS,
    apiTokens,
    defaultTenantId,
    mcp,
    agentSocket: { upgradeWebSocket },
    console: consoleSource(app),
    playground: { root: defaultPlaygroundRoot() },
    ...(workflows ? { workflows: workflows.service } : {}),
    health: () => ({
      model: app.model.id,
      // Under `serve --workers`: which worker answered (each is a whole instance).
      ...(worker ? { worker: { index: worker, pid: process.pid } } : {}),
      servers: app.host.status(),
      ...(amqp ? { rabbitmq: { connected: amqp.connected(), ...amqp.stats() } } : {}),
      session_memory: app.sessionEnds.stats(),
      workflows: workflows
        ? {
            executor: workflows.executorId,
            ...(workflowEvents ? { events: { connected: workflowEvents.connected(), ...workflowEvents.stats() } } : {}),
          }
        : 'off',
    }),
  });
  const httpServer = await new Promise<ReturnType<typeof serveHttp>>((resolve) => {
    const limits = {
      headersTimeoutMs: env.VENTROS_HTTP_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: env.VENTROS_HTTP_BODY_TIMEOUT_MS,
      maxConnections: env.VENTROS_HTTP_MAX_CONNECTIONS,
    };
    const server = serveHttp(
      {
        fetch: http.fetch,
        port: env.PORT,
        hostname: options.host,
        websocket: { server: sockets.server },
        serverOptions: httpServerOptions(limits),
      },
      () => resolve(server),
    );
    limitConnections(server as Pick<Server, 'maxConnections'>, limits.maxConnections);
  });
  const grpc = await startGrpcBridge({
    app: served,
    port: env.GRPC_PORT,
    host: options.host,
    apiTokens,
    defaultTenantId,
  });
  log.info({ http: env.PORT, grpc: grpc.port, model: app.model.id, ...(worker ? { worker } : {}) }, 'ventros serving');
  const workflowsState = workflows ? `workflows on (instance ${workflows.executorId})` : 'workflows off';
  process.stderr.write(
    `ventros: HTTP on http://${options.host}:${env.PORT} (playground at /${apiTokens.size > 0 ? '#token=<your token>' : ''}, MCP at /mcp, WebSocket at /ws/agent), gRPC on ${options.host}:${grpc.port}${amqp ? ', RabbitMQ bridge on' : ''}, ${workflowsState}, model ${app.model.id}\n`,
  );

  onShutdown(async () => {
    // MCP sessions hold event streams open; end them first, or the HTTP server never closes.
    await mcp.close();
    await sockets.close();
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      const cut = setTimeout(() => {
        if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
      }, 2_000);
      cut.unref();
    });
    await grpc.close();
    await workflowEvents?.close();
    await sessionEndedEvents?.close();
    await approvalDecisions?.close();
    disconnectApprovals?.();
    // In-flight AMQP runs still need the app (and hand replies to the workflows): close the bridge first.
    await amqp?.close();
    // Sleeping workflows resume at the next start; a step cut short runs again there.
    await workflows?.close();
    await outbox?.close();
    await app.close();
  });
}
