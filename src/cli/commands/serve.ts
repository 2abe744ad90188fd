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
    .action(async (options: { port?: string; grpcPort?: string; host: string }, command: Command) => {
      const { serveAll } = await import('../actions/serve.js');
      await serveAll(options, command);
    });
}
