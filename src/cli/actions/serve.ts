import { serve as serveHttp, upgradeWebSocket } from '@hono/node-server';
import type { Command } from 'commander';
import {
  createAgentsMcpServer,
  createHttpApp,
  defaultPlaygroundRoot,
  HttpMetrics,
  McpHttpHandler,
  parseApiTokens,
  startAmqpBridge,
  startGrpcBridge,
} from '../../bridge/index.js';
import { createAgentSocketServer } from '../../bridge/ws/index.js';
import { DEFAULT_TENANT_ID, loadEnv, logger } from '../../shared/index.js';
import { consoleSource } from '../app/console-source.js';
import { createApp } from '../create-app.js';
import { onShutdown } from '../shutdown.js';

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
  const app = await createApp({ env: rawEnv, ...(config ? { configPath: config } : {}), seedIfEmpty: true });
  const apiTokens = parseApiTokens(env.VENTROS_API_TOKENS);
  const defaultTenantId = env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID;
  const amqp = env.RABBITMQ_URL
    ? await startAmqpBridge({
        url: env.RABBITMQ_URL,
        app,
        dataDir: env.VENTROS_DATA_DIR,
        databaseUrl: env.DATABASE_URL,
      })
    : undefined;
  const sockets = createAgentSocketServer();
  const mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(app, { tenantId }) });
  const http = createHttpApp({
    app,
    metrics: new HttpMetrics({ processMetrics: true }),
    apiTokens,
    defaultTenantId,
    mcp,
    agentSocket: { upgradeWebSocket },
    console: consoleSource(app),
    playground: { root: defaultPlaygroundRoot() },
    health: () => ({
      model: app.model.id,
      servers: app.host.status(),
      ...(amqp ? { rabbitmq: { connected: amqp.connected(), ...amqp.stats() } } : {}),
    }),
  });
  const httpServer = await new Promise<ReturnType<typeof serveHttp>>((resolve) => {
    const server = serveHttp(
      { fetch: http.fetch, port: env.PORT, hostname: options.host, websocket: { server: sockets.server } },
      () => resolve(server),
    );
  });
  const grpc = await startGrpcBridge({ app, port: env.GRPC_PORT, host: options.host, apiTokens, defaultTenantId });
  log.info({ http: env.PORT, grpc: grpc.port, model: app.model.id }, 'ventros serving');
  process.stderr.write(
    `ventros: HTTP on http://${options.host}:${env.PORT} (playground at /${apiTokens.size > 0 ? '#token=<your token>' : ''}, MCP at /mcp, WebSocket at /ws/agent), gRPC on ${options.host}:${grpc.port}${amqp ? ', RabbitMQ bridge on' : ''}, model ${app.model.id}\n`,
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
    // In-flight AMQP runs still need the app: close the bridge first.
    await amqp?.close();
    await app.close();
  });
}
