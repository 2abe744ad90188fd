import type { Command } from 'commander';

/** `ventros serve` — HTTP (+ MCP at /mcp), gRPC, and RabbitMQ when configured, on embedded defaults. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the agents: HTTP on $PORT (8000) with MCP at /mcp and a WebSocket at /ws/agent, gRPC on $GRPC_PORT (50051), RabbitMQ with $RABBITMQ_URL',
    )
    .option('--port <n>', 'HTTP port (overrides $PORT)')
    .option('--grpc-port <n>', 'gRPC port (overrides $GRPC_PORT)')
    .option(
      '--host <address>',
      'address to listen on (0.0.0.0 for other machines; set VENTROS_API_TOKENS then)',
      '127.0.0.1',
    )
    .option(
      '--workers <n>',
      'processes serving side by side (node:cluster, one per core): HTTP and gRPC ports shared, RabbitMQ partitions claimed like separate instances (needs VENTROS_AMQP_PARTITIONS with RABBITMQ_URL)',
    )
    .action(async (options: { port?: string; grpcPort?: string; host: string; workers?: string }, command: Command) => {
      const { default: cluster } = await import('node:cluster');
      const workers = await import('../actions/serve-workers.js');
      const count = workers.parseWorkers(options.workers);
      if (count > 1 && cluster.isPrimary) {
        workers.checkWorkersEnv(count, process.env);
        await workers.runServePrimary(count);
        return;
      }
      const { serveAll } = await import('../actions/serve.js');
      await serveAll(options, command);
    });
}
