import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AgentEvent } from '../../agents/events.js';
import { errorMessage, fromMeta } from '../../shared/index.js';
import type { AgentApplication, AgentRequest, ExecutionResultJson } from '../application.js';

const VERSION = '0.1.0';

const ConversationShape = {
  message: z.string().trim().min(1).max(20_000).describe("The customer's message, as they wrote it."),
  contact_id: z
    .string()
    .min(1)
    .optional()
    .describe('CRM contact the message comes from (e.g. "contact-carlos"); gives the agent its memory.'),
  session_id: z
    .string()
    .min(1)
    .optional()
    .describe('Conversation id; reuse it across calls to keep the conversation going.'),
};

const ResultShape = {
  response: z.string(),
  agent_used: z.string(),
  intent: z.string(),
  confidence: z.number(),
  suggested_actions: z.array(z.string()),
  tool_calls: z.array(z.object({ tool_name: z.string(), latency_ms: z.number() }).passthrough()),
  metadata: z.record(z.string(), z.string()),
  latency_ms: z.number(),
};

export interface AgentsMcpServerOptions {
  /** The tenant this server serves (from its operator's config, or the HTTP bearer token). */
  tenantId: string;
  /** A trusted `_meta` tenant overrides it only when allowed (our own host calling in). */
  trustMetaTenant?: boolean;
}

/**
 * The agents as an MCP server, for Claude Desktop, IDEs and `/mcp`: `ask` routes a customer message
 * to the right specialist; `run_agent` runs a named one. Long runs report progress (tool calls,
 * streamed text) as MCP progress notifications when the client asked for them.
 */
export function createAgentsMcpServer(app: AgentApplication, options: AgentsMcpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'ventros-agents', version: VERSION },
    {
      capabilities: { logging: {} },
      instructions:
        'Ventros CRM agents. Use `ask` with a customer message to get the answer of the right specialist ' +
        '(sales, retention, support, operations, analytics), or `run_agent` to pick one. Pass contact_id to ' +
        'give the agent the customer history, and session_id to continue a conversation.',
    },
  );
  const agentTypes = app.agents().map((a) => a.type);

  const run = async (request: Omit<AgentRequest, 'tenantId'>, extra: ToolExtra) => {
    const trusted = options.trustMetaTenant ? fromMeta(extra._meta) : {};
    const full: AgentRequest = { ...request, tenantId: trusted.tenantId ?? options.tenantId, signal: extra.signal };
    try {
      const result = await runWithProgress(app, full, extra);
      return {
        content: [{ type: 'text' as const, text: renderForClient(result) }],
        structuredContent: result as unknown as Record<string, unknown>,
      };
    } catch (error) {
      return { content: [{ type: 'text' as const, text: `Agent run failed: ${errorMessage(error)}` }], isError: true };
    }
  };

  server.registerTool(
    'ask',
    {
      title: 'Ask the Ventros agents',
      description:
        'Answer a customer message as the company would: the message is routed to the right specialist agent ' +
        '(sales, retention, support, operations, analytics), which uses CRM tools and customer memory. Returns ' +
        'the reply, which agent answered, and the tools it used.',
      inputSchema: ConversationShape,
      outputSchema: z.looseObject(ResultShape),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args, extra) => run({ agent: 'auto', ...withoutUndefined(args) }, extra),
  );

  server.registerTool(
    'run_agent',
    {
      title: 'Run one Ventros agent',
      description:
        'Run a specific specialist agent on a message (see the ventros://agents resource for what each does).',
      inputSchema: {
        agent: z
          .enum(agentTypes as [string, ...string[]])
          .describe('The agent (template id), e.g. retention_churn, sdr, bi_manager.'),
        ...ConversationShape,
      },
      outputSchema: z.looseObject(ResultShape),
    },
    (args, extra) => run(withoutUndefined(args) as Omit<AgentRequest, 'tenantId'>, extra),
  );

  server.registerResource(
    'agents',
    'ventros://agents',
    {
      title: 'Agent catalog',
      description: 'Every agent with its category, description and tools.',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(app.agents(), null, 2) }],
    }),
  );

  server.registerPrompt(
    'reply_to_customer',
    {
      title: 'Reply to a customer',
      description: 'Draft the company reply to a customer message with the right Ventros specialist agent.',
      argsSchema: {
        message: z.string().describe("The customer's message"),
        contact_id: z.string().optional().describe('CRM contact id, for the customer history'),
      },
    },
    ({ message, contact_id }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text:
              `A customer${contact_id ? ` (contact ${contact_id})` : ''} wrote: "${message}". ` +
              'Use the `ask` tool of the Ventros server to get the reply of the right specialist agent, then show the reply ' +
              'and say which agent answered and which CRM tools it used.',
          },
        },
      ],
    }),
  );

  return server;
}

type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

async function runWithProgress(
  app: AgentApplication,
  request: AgentRequest,
  extra: ToolExtra,
): Promise<ExecutionResultJson> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return app.execute(request);
  let step = 0;
  for await (const item of app.stream(request)) {
    if (item.type === 'result') return item.result;
    const message = progressMessage(item);
    if (message === undefined) continue;
    step += 1;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken, progress: step, message } })
      .catch(() => undefined); // a client that went away must not fail the run
  }
  throw new Error('the run ended without a result');
}

function progressMessage(item: AgentEvent): string | undefined {
  switch (item.type) {
    case 'tool_call':
      return `${item.agent}: calling ${item.tool}`;
    case 'tool_result':
      return `${item.agent}: ${item.tool} ${item.isError ? 'failed' : 'done'} (${item.latencyMs} ms)`;
    case 'thought':
      return `${item.agent}: ${item.text.slice(0, 200)}`;
    case 'error':
      return `${item.agent}: error ${item.code}`;
    default:
      return undefined; // partial deltas are too many to notify one by one
  }
}

function renderForClient(result: ExecutionResultJson): string {
  const tools = result.tool_calls.map((t) => t.tool_name).join(', ') || 'none';
  return `${result.response}\n\n— answered by ${result.agent_used} (tools: ${tools}; ${result.latency_ms} ms)`;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
