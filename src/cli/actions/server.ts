import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { openStandaloneServer, type ServerName } from '../../servers/registry.js';
import { loadEnv, logger } from '../../shared/index.js';
import { enforceJsonRpc } from '../../shared/mcp/strict-json-rpc.js';
import { setActiveTracer, setCaptureMessageContent, startTelemetry } from '../../shared/telemetry/index.js';
import { onShutdown } from '../shutdown.js';

/** `ventros server <name>`: one tool server on stdio until stdin closes or a signal. */
export async function runStdioServer(name: ServerName): Promise<void> {
  const env = loadEnv();
  // A traced host passes its trace context in each call's `_meta`; the server's spans continue it.
  const telemetry = startTelemetry(process.env, {});
  if (telemetry) {
    setActiveTracer(telemetry.tracer);
    setCaptureMessageContent(telemetry.captureMessageContent);
  }
  const standalone = await openStandaloneServer(name, env);
  const transport = new StdioServerTransport();
  const shutdown = onShutdown(
    async () => {
      await standalone.server.close();
      await standalone[Symbol.asyncDispose]();
      setActiveTracer(undefined);
      await telemetry?.shutdown();
    },
    { onStdinEnd: true },
  );
  transport.onclose = () => shutdown('transport closed');
  await standalone.server.connect(transport);
  enforceJsonRpc(transport);
  logger.info({ server: name }, 'tool server ready on stdio');
}
