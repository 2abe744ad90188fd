import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { openStandaloneServer, type ServerName } from '../../servers/registry.js';
import { loadEnv, logger } from '../../shared/index.js';
import { strictStdioTransport } from '../../shared/mcp/strict-stdio.js';
import { setActiveTracer, setCaptureMessageContent, startTelemetry } from '../../shared/telemetry/index.js';
import { onShutdown } from '../shutdown.js';

/**
 * `ventros server <name>`: one tool server on stdio until stdin closes or a signal. It speaks both
 * protocol revisions: the SDK's `serveStdio` pins the connection to 2026-07-28 when the first request
 * carries the version in `_meta` (`server/discover` or a call), else to 2025-11-25 (`initialize`).
 */
export async function runStdioServer(name: ServerName): Promise<void> {
  const env = loadEnv();
  // A traced host passes its trace context in each call's `_meta`; the server's spans continue it.
  const telemetry = startTelemetry(process.env, {});
  if (telemetry) {
    setActiveTracer(telemetry.tracer);
    setCaptureMessageContent(telemetry.captureMessageContent);
  }
  const standalone = await openStandaloneServer(name, env);
  let stdio: { close(): Promise<void> } | undefined;
  const shutdown = onShutdown(
    async () => {
      await stdio?.close();
      await standalone[Symbol.asyncDispose]();
      setActiveTracer(undefined);
      await telemetry?.shutdown();
    },
    { onStdinEnd: true },
  );
  const strict = strictStdioTransport();
  stdio = serveStdio(() => standalone.createServer(), {
    transport: strict,
    onerror: (error) => logger.debug({ server: name, err: error }, 'stdio entry'),
  });
  // serveStdio installed its handlers on `strict` at start; chain ours for the end of the stream.
  const entryClose = strict.onclose;
  strict.onclose = () => {
    entryClose?.();
    shutdown('transport closed');
  };
  logger.info({ server: name }, 'tool server ready on stdio');
}
