import type { McpRequestContext, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Command } from 'commander';
import { catalogAgentIds } from '../../agents/catalog/agent-ids.js';
import { TEMPLATES } from '../../agents/catalog/templates.js';
import { createAgentsMcpServer } from '../../bridge/mcp/agents-mcp-server.js';
import { ELICITATION_TIMEOUT_MS, supportsFormElicitation } from '../../bridge/mcp/approval-elicitation.js';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';
import { errorMessage } from '../../shared/errors.js';
import { strictStdioTransport } from '../../shared/mcp/strict-stdio.js';
import type { App } from '../create-app.js';
import { onShutdown } from '../shutdown.js';

/** Start the application at the latest this long after spawn, even if the client lists no tools. */
const START_AT_THE_LATEST_MS = 1_000;

/**
 * `ventros mcp` — the agents as an MCP server on stdio (what Claude Desktop launches). The server
 * answers the handshake (`initialize`, `tools/list`) from what it knows without the application — the
 * agent ids come from the templates — and starts the application (store, tool servers, host, router)
 * right after it: loading it takes longer than a client's connect deadline on a busy machine, and would
 * hold the handshake if it ran first. The first tool call waits for it. Both protocol revisions: the
 * SDK's `serveStdio` pins the connection to 2026-07-28 when the first request carries the version in
 * `_meta`, else to 2025-11-25 (`initialize`). A gated action asks the client's person on both: an
 * `elicitation/create` request on 2025-11-25, an input-required result on 2026-07-28 (the client
 * re-sends the call with the answer; see bridge/mcp/approval-input-required.ts). The questions of the
 * host's own MCP servers are forwarded upstream on 2025-11-25 only: 2026-07-28 has no server-to-client
 * request to carry them in the middle of a run, so they wait in the approvals queue.
 */
export async function serveMcp(options: { tenant?: string }, command: Command): Promise<void> {
  const config = command.optsWithGlobals<{ config?: string }>().config;
  let starting: Promise<App> | undefined;
  const start = (): Promise<App> => {
    starting ??= import('../create-app.js')
      .then(({ createApp }) =>
        createApp({
          ...(config ? { configPath: config } : {}),
          seedIfEmpty: true,
          approvalSweepMs: 60_000,
          resumeSessionEnds: true,
        }),
      )
      .then((ready) => {
        // Questions of the host's own MCP servers go to this client's person when it can show forms.
        const server = pinned;
        if (server && pinnedEra === 'legacy' && supportsFormElicitation(server.server.getClientCapabilities())) {
          ready.elicitation.upstream = (params, signal) =>
            server.server.elicitInput(params as Parameters<typeof server.server.elicitInput>[0], {
              signal,
              timeout: ELICITATION_TIMEOUT_MS,
            });
        }
        return ready;
      });
    return starting;
  };
  // Settles once something starts the application: the handshake's end, the deadline below, or a call.
  let queueStart = () => {};
  const app = new Promise<App>((resolve, reject) => {
    queueStart = () => void start().then(resolve, reject);
  });
  // A failed start fails every call with its reason (and says so on stderr) instead of killing the server.
  app.catch((error: unknown) => process.stderr.write(`ventros mcp: could not start: ${errorMessage(error)}\n`));
  const latest = setTimeout(() => queueStart(), START_AT_THE_LATEST_MS);
  latest.unref();

  // The instance serveStdio pinned to this connection (a probe's instance is replaced on fallback).
  let pinned: McpServer | undefined;
  let pinnedEra: McpRequestContext['era'] | undefined;
  const createServer = ({ era }: McpRequestContext) => {
    pinnedEra = era;
    pinned = createAgentsMcpServer(app, {
      tenantId: options.tenant || process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID,
      agentTypes: catalogAgentIds(TEMPLATES),
      agentPrompts: TEMPLATES,
    });
    return pinned;
  };
  let stdio: { close(): Promise<void> } | undefined;
  const shutdown = onShutdown(
    async () => {
      clearTimeout(latest);
      await stdio?.close().catch(() => undefined);
      await starting?.then((ready) => ready.close()).catch(() => undefined);
    },
    { onStdinEnd: true },
  );
  const transport = strictStdioTransport();
  stdio = serveStdio(createServer, {
    transport,
    onerror: (error) => process.stderr.write(`ventros mcp: ${errorMessage(error)}\n`),
  });
  // serveStdio installed its handlers on `transport`; chain ours after them.
  const entryClose = transport.onclose;
  transport.onclose = () => {
    entryClose?.();
    shutdown('transport closed');
  };
  const handle = transport.onmessage;
  transport.onmessage = (message, extra) => {
    handle?.(message, extra);
    const method = 'method' in message ? message.method : undefined;
    // After the tools are listed (their answer is written first), or at once for anything that needs the app.
    if (method === 'tools/list' || method === 'server/discover') setTimeout(() => queueStart(), 0);
    else if (method === 'tools/call' || method === 'resources/read' || method === 'prompts/get') queueStart();
  };
}
