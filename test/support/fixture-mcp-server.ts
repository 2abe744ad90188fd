/**
 * A small MCP server for host tests, with the awkward behaviours real servers have: a slow tool
 * that notices cancellation, a tool that kills its own process, progress, list_changed, a sampling
 * request, an elicitation request, roots, resource templates that change at run time. Run on stdio
 * as a child:
 *   node --import tsx test/support/fixture-mcp-server.ts [--label NAME]
 * or serve any server factory over Streamable HTTP / legacy SSE in-process with `serveMcpHttp`.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { Transport } from '@modelcontextprotocol/server';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { fromMeta } from '../../src/shared/trusted-meta.js';
import { LegacySseServerTransport } from './legacy-sse-transport.js';

/** Counters a test can read back through the `stats` tool (or directly, in-process). */
export interface FixtureStats {
  calls: number;
  cancelled: number;
}

/** Builds the fixture server. `label` is echoed by `whoami`, so two instances can be told apart. */
export function createFixtureServer(label = 'fixture'): McpServer & { stats: FixtureStats } {
  const server = new McpServer(
    { name: `fixture-${label}`, version: '1.0.0' },
    { capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: {} } },
  );
  const stats: FixtureStats = { calls: 0, cancelled: 0 };
  let dynamic = 0;

  server.registerTool(
    'echo',
    { description: 'Echoes text back.', inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => {
      stats.calls++;
      return { content: [{ type: 'text', text }] };
    },
  );

  server.registerTool(
    'whoami',
    {
      description: 'Reports the trusted context from _meta and the arguments it received.',
      inputSchema: z.object({ note: z.string().optional() }),
      outputSchema: z.object({
        label: z.string(),
        meta: z.record(z.string(), z.string()),
        args: z.record(z.string(), z.unknown()),
      }),
    },
    async (args, ctx) => {
      stats.calls++;
      const structured = { label, meta: { ...fromMeta(ctx.mcpReq._meta) }, args: args as Record<string, unknown> };
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    },
  );

  server.registerTool(
    'slow',
    {
      description: 'Waits `ms` milliseconds; stops early when cancelled.',
      inputSchema: z.object({ ms: z.number().int() }),
    },
    async ({ ms }, ctx) => {
      stats.calls++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        ctx.mcpReq.signal.addEventListener('abort', () => {
          stats.cancelled++;
          clearTimeout(timer);
          resolve();
        });
      });
      return { content: [{ type: 'text', text: `waited ${ms} ms` }] };
    },
  );

  server.registerTool('crash', { description: 'Kills the server process (exit code 3).' }, async () => {
    process.stderr.write('fixture: crashing on purpose\n');
    // Give stderr a moment to flush, then die without answering.
    setTimeout(() => process.exit(3), 10);
    return new Promise(() => {});
  });

  server.registerTool(
    'progress',
    {
      description: 'Sends `steps` progress notifications, then answers.',
      inputSchema: z.object({ steps: z.number().int() }),
    },
    async ({ steps }, ctx) => {
      stats.calls++;
      const token = ctx.mcpReq._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: i, total: steps, message: `step ${i}` },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { content: [{ type: 'text', text: `done in ${steps} steps` }] };
    },
  );

  server.registerTool('add_tool', { description: 'Registers a new tool (sends tools/list_changed).' }, async () => {
    dynamic++;
    const name = `dynamic_${dynamic}`;
    server.registerTool(name, { description: `Dynamic tool ${dynamic}.` }, async () => ({
      content: [{ type: 'text', text: name }],
    }));
    return { content: [{ type: 'text', text: name }] };
  });

  server.registerTool(
    'ask_model',
    {
      description: 'Asks the client to sample an LLM and returns its text.',
      inputSchema: z.object({ prompt: z.string() }),
    },
    async ({ prompt }, ctx) => {
      const result = await server.server.createMessage(
        { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 64 },
        { relatedRequestId: ctx.mcpReq.id },
      );
      const content = Array.isArray(result.content) ? result.content[0] : result.content;
      const text = content?.type === 'text' ? content.text : `[${content?.type}]`;
      return { content: [{ type: 'text', text: `model ${result.model} said: ${text}` }] };
    },
  );

  server.registerTool('ask_user', { description: 'Asks the client to elicit a name.' }, async (extra) => {
    const result = await server.server.elicitInput(
      { message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } },
      { relatedRequestId: extra.mcpReq.id },
    );
    return { content: [{ type: 'text', text: JSON.stringify(result) }] };
  });

  server.registerTool('list_roots', { description: "Returns the client's roots." }, async (extra) => {
    const result = await server.server.listRoots(undefined, { relatedRequestId: extra.mcpReq.id });
    return { content: [{ type: 'text', text: JSON.stringify(result.roots) }] };
  });

  server.registerTool('fail', { description: 'Always fails (a tool error).' }, async () => {
    throw new Error('this tool always fails');
  });

  server.registerTool('pid', { description: "The server's process id." }, async () => ({
    content: [{ type: 'text', text: String(process.pid) }],
  }));

  server.registerTool('stats', { description: 'Call and cancellation counters.' }, async () => ({
    content: [{ type: 'text', text: JSON.stringify(stats) }],
  }));

  server.registerResource(
    'greeting',
    'fixture://greeting',
    { description: 'A fixed greeting.', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, text: `hello from ${label}` }] }),
  );

  server.registerResource(
    'item',
    new ResourceTemplate('fixture://items/{id}', { list: undefined }),
    { description: 'An item by id.', mimeType: 'text/plain' },
    async (uri, { id }) => ({ contents: [{ uri: uri.href, text: `item ${String(id)} from ${label}` }] }),
  );

  let templates = 0;
  server.registerTool(
    'add_template',
    { description: 'Registers a new resource template (sends resources/list_changed).' },
    async () => {
      templates++;
      const name = `extra_${templates}`;
      server.registerResource(
        name,
        new ResourceTemplate(`fixture://${name}/{key}`, { list: undefined }),
        { description: `Extra template ${templates}.` },
        async (uri, { key }) => ({ contents: [{ uri: uri.href, text: `${name} ${String(key)}` }] }),
      );
      return { content: [{ type: 'text', text: `fixture://${name}/{key}` }] };
    },
  );

  server.registerPrompt(
    'greet',
    { description: 'Greets someone.', argsSchema: z.object({ who: z.string() }) },
    ({ who }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${who}` } }],
    }),
  );

  return Object.assign(server, { stats });
}

/** Anything that can be connected to a transport (McpServer, low-level Server). */
interface Connectable {
  connect(transport: Transport): Promise<void>;
  close(): Promise<void>;
}

/** A running HTTP endpoint for MCP in this process. */
export interface HttpFixture {
  /** Streamable HTTP endpoint (`/mcp`); answers 405 when `streamable` is false. */
  url: string;
  /** Legacy SSE endpoint (`/sse`, messages at `/messages`), when `sse` is true. */
  sseUrl: string;
  /** Sessions ever initialized over Streamable HTTP (forgotten ones included). */
  sessionsStarted(): number;
  /**
   * Forgets every Streamable HTTP session, as a server that restarted or expired them: requests
   * carrying a forgotten session id get 404. With `quietly`, open streams stay open (only the next
   * request notices); otherwise they are closed too, as a restart would. Returns how many it forgot.
   */
  forgetSessions(options?: { quietly?: boolean }): Promise<number>;
  /** While true, a new session (an `initialize` without a session id) is answered 503. */
  refuseNewSessions(refuse: boolean): void;
  close(): Promise<void>;
}

/**
 * Serves a fresh server per session over Streamable HTTP (`/mcp`) and/or legacy SSE (`/sse`) on
 * 127.0.0.1 with an OS-chosen port.
 */
export async function serveMcpHttp(
  factory: () => Connectable,
  options: { streamable?: boolean; sse?: boolean } = {},
): Promise<HttpFixture> {
  const streamable = options.streamable ?? true;
  const sse = options.sse ?? false;
  const sessions = new Map<string, { transport: NodeStreamableHTTPServerTransport; server: Connectable }>();
  const sseSessions = new Map<string, { transport: LegacySseServerTransport; server: Connectable }>();
  /** Forgotten quietly: still open, closed with the fixture. */
  const forgotten: Connectable[] = [];
  let started = 0;
  let refusing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/mcp' && streamable) {
      const id = req.headers['mcp-session-id'];
      const existing = typeof id === 'string' ? sessions.get(id) : undefined;
      if (existing) return existing.transport.handleRequest(req, res);
      if (typeof id === 'string' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      if (refusing) {
        res.writeHead(503).end('not accepting new sessions');
        return;
      }
      const server = factory();
      const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => {
          started++;
          sessions.set(sessionId, { transport, server });
        },
      });
      await server.connect(transport);
      return transport.handleRequest(req, res);
    }
    if (url.pathname === '/sse' && sse && req.method === 'GET') {
      const transport = new LegacySseServerTransport('/messages', res);
      const server = factory();
      sseSessions.set(transport.sessionId, { transport, server });
      res.on('close', () => sseSessions.delete(transport.sessionId));
      await server.connect(transport);
      return;
    }
    if (url.pathname === '/messages' && sse && req.method === 'POST') {
      const session = sseSessions.get(url.searchParams.get('sessionId') ?? '');
      if (!session) {
        res.writeHead(404).end();
        return;
      }
      return session.transport.handlePostMessage(req, res);
    }
    res.writeHead(url.pathname === '/mcp' || url.pathname === '/sse' ? 405 : 404).end();
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    sseUrl: `http://127.0.0.1:${port}/sse`,
    sessionsStarted: () => started,
    refuseNewSessions(refuse) {
      refusing = refuse;
    },
    async forgetSessions({ quietly = false } = {}) {
      const all = [...sessions.values()].map(({ server }) => server);
      sessions.clear();
      if (quietly) forgotten.push(...all);
      else await Promise.all(all.map((server) => server.close().catch(() => {})));
      return all.length;
    },
    async close() {
      const all = [...sessions.values(), ...sseSessions.values()].map(({ server }) => server);
      await Promise.all([...all, ...forgotten].map((server) => server.close().catch(() => {})));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

// Run as a stdio server when executed directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const labelIndex = process.argv.indexOf('--label');
  const label = labelIndex > 0 ? (process.argv[labelIndex + 1] ?? 'fixture') : 'fixture';
  const server = createFixtureServer(label);
  if (process.argv.includes('--stubborn')) {
    // Simulates a server that hangs on shutdown: ignores stdin closing and SIGTERM (only SIGKILL works).
    process.on('SIGTERM', () => {});
    setInterval(() => {}, 60_000);
  } else {
    // stdin closing is the MCP way to say goodbye on stdio.
    process.stdin.on('end', () => process.exit(0));
  }
  await server.connect(new StdioServerTransport());
}
