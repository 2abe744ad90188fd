import type { CallToolResult, InputRequiredResult, ServerContext } from '@modelcontextprotocol/server';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
// Direct modules, not the barrel: `ventros mcp` loads this file before anything else of the agents.
import type { AgentApplication } from '../../agents/application/agent-application.js';
import { type AgentRequest, MAX_MESSAGE_CHARS } from '../../agents/application/agent-request.js';
import type { ExecutionResult } from '../../agents/application/execution-result.js';
import type { AgentTemplate } from '../../agents/catalog/template.js';
import { errorMessage } from '../../shared/errors.js';
import { decideByElicitation, MAX_APPROVAL_ROUNDS, supportsFormElicitation } from './approval-elicitation.js';
import {
  type ApprovalState,
  ApprovalStateSchema,
  approvalStateCodec,
  askForApproval,
  continueWithAnswer,
  isModernRequest,
  requestClientCapabilities,
} from './approval-input-required.js';
import { runWithProgress } from './run-with-progress.js';

const VERSION = '0.1.0';

const ConversationShape = {
  message: z.string().trim().min(1).max(MAX_MESSAGE_CHARS).describe("The customer's message, as they wrote it."),
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

type ConversationArgs = { message: string; contact_id?: string | undefined; session_id?: string | undefined };

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
  /**
   * The agent ids `run_agent` accepts, when the application is still starting (`app` is a promise):
   * `ventros mcp` answers `tools/list` before the host and the store are up. Default: `app.agents()`.
   */
  agentTypes?: readonly string[];
  /** The templates whose instructions are offered as prompts. Default: `app.templates()`. */
  agentPrompts?: readonly AgentPromptSource[];
  /**
   * HMAC key (at least 32 bytes) of the 2026-07-28 approval `requestState`; every process that may serve
   * the retried call needs the same one (`VENTROS_MCP_STATE_KEY`). Default: a key of this process.
   */
  requestStateKey?: string;
}

/** What an agent's prompt is made of (a template's fields). */
export type AgentPromptSource = Pick<AgentTemplate, 'template_id' | 'name' | 'description' | 'instruction'>;

/**
 * The agents as an MCP server, for Claude Desktop, IDEs and `/mcp`: `ask` routes a customer message
 * to the right specialist; `run_agent` runs a named one. Long runs report progress (tool calls,
 * streamed text) as MCP progress notifications when the client asked for them.
 */
export function createAgentsMcpServer(
  app: AgentApplication | Promise<AgentApplication>,
  options: AgentsMcpServerOptions,
): McpServer {
  const codec = approvalStateCodec(options.tenantId, options.requestStateKey);
  const server = new McpServer(
    { name: 'ventros-agents', version: VERSION },
    {
      capabilities: { logging: {} },
      // A tampered, expired or other tenant's state is refused before the handler (-32602).
      requestState: { verify: codec.verify },
      instructions:
        'Ventros CRM agents. Use `ask` with a customer message to get the answer of the right specialist ' +
        '(sales, retention, support, operations, analytics), or `run_agent` to pick one. Pass contact_id to ' +
        'give the agent the customer history, and session_id to continue a conversation.',
    },
  );
  const agentTypes = options.agentTypes ?? ('agents' in app ? app.agents().map((a) => a.type) : []);
  if (agentTypes.length === 0) throw new TypeError('createAgentsMcpServer: pass agentTypes while the app is starting');

  const run = async (
    tool: string,
    agent: string,
    args: ConversationArgs,
    extra: ToolExtra,
  ): Promise<CallToolResult | InputRequiredResult> => {
    // The tenant is the server's (its operator's config or the caller's bearer token), never an argument.
    // Claude Desktop, IDEs and `/mcp` are used by the company's staff.
    const full: AgentRequest = {
      agent,
      message: args.message,
      tenantId: options.tenantId,
      signal: extra.mcpReq.signal,
      audience: 'staff',
    };
    if (args.contact_id) full.contactId = args.contact_id;
    if (args.session_id) full.sessionId = args.session_id;
    try {
      const application = await app;
      // 2026-07-28, a retried call carrying the approval form's answer: continue that run, do not start one.
      const state = extra.mcpReq.requestState<ApprovalState>();
      if (state !== undefined) return await continueRun(application, state, tool, extra);
      let result = await runWithProgress(application, full, extra);
      if (result.status === 'awaiting_approval' && result.approval && application.approvals) {
        // A gated action: a client that can show forms asks its person now; others get awaiting_approval.
        if (isModernRequest(extra)) {
          if (supportsFormElicitation(requestClientCapabilities(extra))) {
            return await askForApproval(result.approval, codec, extra, tool, 1);
          }
        } else if (supportsFormElicitation(server.server.getClientCapabilities())) {
          result = await decideByElicitation(result, application.approvals, options.tenantId, extra);
        }
      }
      return toolResult(result);
    } catch (error) {
      return { content: [{ type: 'text' as const, text: `Agent run failed: ${errorMessage(error)}` }], isError: true };
    }
  };

  /** The retried call of a 2026-07-28 approval round (see approval-input-required.ts). */
  const continueRun = async (
    application: AgentApplication,
    raw: unknown,
    tool: string,
    extra: ToolExtra,
  ): Promise<CallToolResult | InputRequiredResult> => {
    const state = ApprovalStateSchema.safeParse(raw);
    if (!state.success || state.data.tool !== tool || !application.approvals) {
      return refusal('The retried call carries a request state this tool did not issue; nothing ran.');
    }
    const next = await continueWithAnswer(state.data, extra, application.approvals, options.tenantId);
    if (next.kind === 'refused') return refusal(next.text);
    const round = state.data.round + 1;
    const approval = next.kind === 'ask' ? next.approval : next.result.approval;
    const waiting = next.kind === 'ask' || next.result.status === 'awaiting_approval';
    if (waiting && approval && round <= MAX_APPROVAL_ROUNDS) return askForApproval(approval, codec, extra, tool, round);
    // Out of rounds: the run waits in the queue, as for a client without forms.
    return next.kind === 'result'
      ? toolResult(next.result)
      : refusal(`Approval ${state.data.approvalId} waits in the queue.`);
  };

  server.registerTool(
    'ask',
    {
      title: 'Ask the Ventros agents',
      description:
        'Answer a customer message as the company would: the message is routed to the right specialist agent ' +
        '(sales, retention, support, operations, analytics), which uses CRM tools and customer memory. Returns ' +
        'the reply, which agent answered, and the tools it used.',
      inputSchema: z.object(ConversationShape),
      outputSchema: z.looseObject(ResultShape),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args, ctx) => run('ask', 'auto', args, ctx),
  );

  server.registerTool(
    'run_agent',
    {
      title: 'Run one Ventros agent',
      description:
        'Run a specific specialist agent on a message (see the ventros://agents resource for what each does).',
      inputSchema: z.object({
        agent: z
          .enum(agentTypes as [string, ...string[]])
          .describe('The agent (template id), e.g. retention_churn, sdr, bi_manager.'),
        ...ConversationShape,
      }),
      outputSchema: z.looseObject(ResultShape),
    },
    (args, ctx) => run('run_agent', args.agent, args, ctx),
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
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify((await app).agents(), null, 2) }],
    }),
  );

  server.registerPrompt(
    'reply_to_customer',
    {
      title: 'Reply to a customer',
      description: 'Draft the company reply to a customer message with the right Ventros specialist agent.',
      argsSchema: z.object({
        message: z.string().describe("The customer's message"),
        contact_id: z.string().optional().describe('CRM contact id, for the customer history'),
      }),
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

  // Each specialist's instruction as a prompt: a client can hold the same conversation with its own model.
  const prompts = options.agentPrompts ?? ('templates' in app ? app.templates() : []);
  for (const template of prompts) {
    server.registerPrompt(
      template.template_id,
      {
        title: template.name,
        description: `The instruction (system prompt) of the ${template.template_id} agent: ${template.description}`,
      },
      () => ({
        description: `Instruction of ${template.name}. Placeholders like {contact_name?} are filled from the conversation.`,
        messages: [{ role: 'user', content: { type: 'text', text: template.instruction } }],
      }),
    );
  }

  return server;
}

type ToolExtra = ServerContext;

function toolResult(result: ExecutionResult): CallToolResult {
  return {
    content: [{ type: 'text' as const, text: renderForClient(result) }],
    structuredContent: result as unknown as Record<string, unknown>,
  };
}

/** Nothing ran: a tool error the person reads. */
function refusal(text: string): CallToolResult {
  return { content: [{ type: 'text' as const, text }], isError: true };
}

function renderForClient(result: ExecutionResult): string {
  if (result.status === 'awaiting_approval' && result.approval) {
    const a = result.approval;
    return (
      `Waiting for approval: ${a.agent} wants to call ${a.tool} (${a.reason}) with ${JSON.stringify(a.arguments)}.\n` +
      `Decide with \`ventros approvals approve|reject ${a.id}\` or POST /api/approvals/${a.id} (expires ${a.expires_at}).`
    );
  }
  const tools = result.tool_calls.map((t) => t.tool_name).join(', ') || 'none';
  return `${result.response}\n\n— answered by ${result.agent_used} (tools: ${tools}; ${result.latency_ms} ms)`;
}
