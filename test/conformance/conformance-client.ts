/**
 * Our MCP host as a client under the official conformance suite (@modelcontextprotocol/conformance).
 * The suite runs `<command> <serverUrl>` with MCP_CONFORMANCE_SCENARIO (and, for some scenarios,
 * MCP_CONFORMANCE_CONTEXT) set; we connect through `createHost` (Streamable HTTP; `protocol` left at
 * `auto`, so a 2026-07-28 scenario server gets `server/discover` and a 2025-11-25 one `initialize`)
 * and do what the scenario expects. Connecting already lists tools, resources, templates and prompts.
 * `auth/*` scenarios log in first with the host's own `ventros mcp login` code (conformance-oauth.ts).
 *
 *   node --import ./test/support/conformance-node20.mjs node_modules/.bin/conformance client \
 *     --spec-version 2026-07-28 --scenario tools_call --command "node --import tsx test/conformance/conformance-client.ts"
 * (test/support/conformance-suite.ts runs the suite installed by `npm ci`)
 */
import type { ElicitationHandler, McpHost } from '../../src/host/index.js';
import { createHost, parseHostConfig } from '../../src/host/index.js';
import { type AuthContext, type ConformanceLogin, conformanceLogin } from './conformance-oauth.js';

const url = process.argv[2];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? 'initialize';
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Record<string, unknown>;
if (!url) {
  process.stderr.write('usage: conformance-client <serverUrl>\n');
  process.exit(2);
}

const SERVER = 'conformance';
const call = { tenantId: 'tenant-conformance' };

/** The multi-round tools (sep-2322) ask for a confirmation; a person would say yes. */
const confirm: ElicitationHandler = async () => ({ action: 'accept', content: { confirmed: true } });
/** elicitation-sep1034-client-defaults: accepted with every field left empty, so the defaults must fill them. */
const acceptEmpty: ElicitationHandler = async () => ({ action: 'accept', content: {} });
const ELICITATION: Record<string, ElicitationHandler> = {
  'sep-2322-client-request-state': confirm,
  'elicitation-sep1034-client-defaults': acceptEmpty,
};
/** Scenarios whose server offers just the tools to call, without arguments. */
const CALL_EVERY_TOOL = new Set(['sep-2322-client-request-state', 'elicitation-sep1034-client-defaults', 'sse-retry']);

async function openHost(login?: ConformanceLogin): Promise<McpHost> {
  const entry = { url, transport: 'http', connect_timeout_ms: 20_000, ...(login ? { oauth: login.oauth } : {}) };
  return createHost({
    config: parseHostConfig({ mcpServers: { [SERVER]: entry } }, 'conformance'),
    mode: 'strict',
    clientInfo: { name: 'ventros-host-conformance', version: '0.1.0' },
    ...(ELICITATION[scenario] ? { elicitation: ELICITATION[scenario] } : {}),
    ...(login ? { oauthDir: login.oauthDir } : {}),
  });
}

/** Calls a tool; an `isError` result fails the run (the scenario's server answered it as an error). */
async function callTool(host: McpHost, name: string, args: Record<string, unknown>): Promise<void> {
  const result = await host.callTool(name, args, call);
  process.stdout.write(`${name}: ${result.content}\n`);
  if (result.isError) process.exitCode = 1;
}

/** Arguments that satisfy a tool's required string/number/boolean properties (http-invalid-tool-headers). */
function sampleArguments(schema: { properties?: Record<string, { type?: unknown }>; required?: string[] }) {
  const args: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const type = schema.properties?.[key]?.type;
    args[key] = type === 'integer' || type === 'number' ? 1 : type === 'boolean' ? true : 'x';
  }
  return args;
}

async function run(host: McpHost): Promise<void> {
  if (scenario === 'tools_call') return callTool(host, 'add_numbers', { a: 2, b: 3 });
  if (scenario === 'http-standard-headers') {
    // Every request kind that carries Mcp-Name: tools/call, resources/read, prompts/get.
    const [tool] = host.toolInfo();
    if (tool) await callTool(host, tool.name, sampleArguments(tool.inputSchema as never));
    const [resource] = host.listResources();
    if (resource) await host.readResource(resource.uri, { server: SERVER });
    const [prompt] = host.listPrompts();
    if (prompt) await host.getPrompt(prompt.name, {}, { server: SERVER });
    return;
  }
  if (scenario === 'http-custom-headers') {
    const calls = (context.toolCalls ?? []) as Array<{ name: string; arguments: Record<string, unknown> }>;
    for (const { name, arguments: args } of calls) await callTool(host, name, args);
    return;
  }
  if (scenario === 'http-invalid-tool-headers') {
    // Only what the host kept: a tool with a malformed x-mcp-header must not be in the catalog.
    for (const tool of host.toolInfo()) await callTool(host, tool.name, sampleArguments(tool.inputSchema as never));
    return;
  }
  if (CALL_EVERY_TOOL.has(scenario)) {
    // Each tool checks one rule (of the multi-round flow, say): one refused call must not hide the others.
    for (const tool of host.toolInfo()) {
      await callTool(host, tool.name, {}).catch((error: unknown) => {
        process.stderr.write(`${tool.name}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      });
    }
    return;
  }
  if (scenario === 'json-schema-2020-12-preservation') {
    const focal = host.toolInfo().find((tool) => tool.toolName === 'json_schema_2020_12_tool');
    if (!focal) throw new Error('json_schema_2020_12_tool not listed');
    return callTool(host, 'json_schema_echo', { schema: focal.inputSchema });
  }
  if (scenario.startsWith('auth/')) {
    const tool = host.toolInfo().find((t) => t.toolName === 'test-tool');
    if (tool) await callTool(host, tool.name, {});
    return;
  }
  process.stdout.write(`connected: ${JSON.stringify(host.status())}\n`);
}

const login = scenario.startsWith('auth/') ? await conformanceLogin(SERVER, url, context as AuthContext) : undefined;
const host = await openHost(login);
try {
  await run(host);
} finally {
  await host.close();
}
