import { serve as serveHttp } from '@hono/node-server';
import type { Command } from 'commander';
import {
  createAgentsMcpServer,
  createHttpApp,
  HttpMetrics,
  McpHttpHandler,
  parseApiTokens,
  startGrpcBridge,
} from '../../bridge/index.js';
import { DEFAULT_TENANT_ID, loadEnv, logger } from '../../shared/index.js';
import { createApp } from '../app.js';

/** `ventros serve` — HTTP (+ MCP at /mcp) and gRPC, on embedded defaults. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the agents: HTTP on $PORT (8000) with MCP at /mcp, gRPC on $GRPC_PORT (50051)')
    .option('--port <n>', 'HTTP port (overrides $PORT)')
    .option('--grpc-port <n>', 'gRPC port (overrides $GRPC_PORT)')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .action(async (options: { port?: string; grpcPort?: string; host: string }, command: Command) => {
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
      const mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(app, { tenantId }) });
      const http = createHttpApp({
        app,
        metrics: new HttpMetrics({ processMetrics: true }),
        apiTokens,
        defaultTenantId,
        mcp,
        health: () => ({ model: app.model.id, servers: app.host.status() }),
      });
      const httpServer = await new Promise<ReturnType<typeof serveHttp>>((resolve) => {
        const server = serveHttp({ fetch: http.fetch, port: env.PORT, hostname: options.host }, () => resolve(server));
      });
      const grpc = await startGrpcBridge({ app, port: env.GRPC_PORT, host: options.host, apiTokens, defaultTenantId });
      if (env.RABBITMQ_URL) log.warn('RABBITMQ_URL is set but the RabbitMQ bridge is not part of this build yet');
      log.info({ http: env.PORT, grpc: grpc.port, model: app.model.id }, 'ventros serving');
      process.stderr.write(
        `ventros: HTTP on http://${options.host}:${env.PORT} (MCP at /mcp), gRPC on ${options.host}:${grpc.port}, model ${app.model.id}\n`,
      );

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await Promise.allSettled([grpc.close(), mcp.close()]);
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
