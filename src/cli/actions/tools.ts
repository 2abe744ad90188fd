import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  type BuiltinServerFactory,
  createHost,
  type HostPrompt,
  type HostResource,
  type HostResourceTemplate,
  type HostToolResult,
  type McpHost,
  type ServerStatus,
  type ToolInfo,
} from '../../host/index.js';
import { oauthDirOf } from '../../host/oauth/oauth-dir.js';
import { builtinServerFactories, openServerDeps } from '../../servers/registry.js';
import { DEFAULT_TENANT_ID, type Env, errorMessage, InvalidInputError, loadEnv } from '../../shared/index.js';
import { hostConfig } from '../app/config-sources.js';

interface ToolsOptions {
  json?: boolean;
  call?: string;
  tenant?: string;
  contact?: string;
  session?: string;
}

/** What the servers offer besides tools: resources, resource templates and prompts. */
export interface ServerOfferings {
  resources: readonly HostResource[];
  templates: readonly HostResourceTemplate[];
  prompts: readonly HostPrompt[];
}

const NO_OFFERINGS: ServerOfferings = { resources: [], templates: [], prompts: [] };

/** The first line of a description, or nothing. */
const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]?.trim() ?? '';

/** The listing for a terminal: tools, then resources and prompts, grouped by server, with each server's state. */
export function formatToolListing(
  status: readonly ServerStatus[],
  tools: readonly ToolInfo[],
  offerings: ServerOfferings = NO_OFFERINGS,
): string {
  const lines: string[] = [];
  for (const server of status) {
    const how = server.transport ? `, ${server.transport}` : '';
    lines.push(
      `${server.name} (${server.state}${how})${server.error && server.state !== 'ready' ? `: ${server.error}` : ''}`,
    );
    for (const tool of tools.filter((t) => t.server === server.name)) {
      const description = tool.description.split('\n')[0]?.trim() ?? '';
      lines.push(`  ${tool.name}`);
      if (description !== '') lines.push(`      ${description}`);
    }
    const mine = <T extends { server: string }>(list: readonly T[]) => list.filter((x) => x.server === server.name);
    for (const resource of mine(offerings.resources)) {
      lines.push(
        `  resource ${resource.uri}${firstLine(resource.description) ? `  ${firstLine(resource.description)}` : ''}`,
      );
    }
    for (const template of mine(offerings.templates)) {
      lines.push(
        `  resource ${template.uriTemplate}${firstLine(template.description) ? `  ${firstLine(template.description)}` : ''}`,
      );
    }
    for (const prompt of mine(offerings.prompts)) {
      lines.push(`  prompt ${prompt.name}${firstLine(prompt.description) ? `  ${firstLine(prompt.description)}` : ''}`);
    }
    lines.push('');
  }
  const resources = offerings.resources.length + offerings.templates.length;
  lines.push(
    `${tools.length} tools, ${resources} resources and ${offerings.prompts.length} prompts on ${status.filter((s) => s.state === 'ready').length} servers.`,
  );
  lines.push(`Call one with: ventros tools --call <tool> '<json arguments>' [--tenant ID] [--contact ID]`);
  return lines.join('\n');
}

/** Parses the `--call` arguments: a JSON object, or a clear error. */
export function parseCallArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`invalid JSON for the tool arguments: ${errorMessage(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError('the tool arguments must be a JSON object, e.g. \'{"query": "preço"}\'');
  }
  return value as Record<string, unknown>;
}

/** Runs `use` with a host over the config; builtin servers get their store only when some are configured. */
async function withHost<T>(configPath: string | undefined, use: (host: McpHost, env: Env) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const config = await hostConfig(configPath, env.VENTROS_MCP_CONFIG);
  const needsBuiltins = config.servers.some((s) => s.kind === 'builtin' && !s.disabled);
  const deps = needsBuiltins ? await openServerDeps(env) : undefined;
  try {
    const builtins: Record<string, BuiltinServerFactory> = deps ? builtinServerFactories(deps) : {};
    const host = await createHost({ config, builtins, oauthDir: oauthDirOf(resolve(env.VENTROS_DATA_DIR)) });
    try {
      return await use(host, env);
    } finally {
      await host.close();
    }
  } finally {
    await deps?.[Symbol.asyncDispose]();
  }
}

function printResult(result: HostToolResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${result.content}\n`);
}

/** `ventros tools [--json]`, `ventros tools --call <tool> '<json>'` (exit code 1 on a tool error). */
export async function runTools(argsText: string | undefined, options: ToolsOptions, command: Command): Promise<void> {
  const { config } = command.optsWithGlobals<{ config?: string }>();
  if (options.call === undefined) {
    if (argsText !== undefined) throw new InvalidInputError('tool arguments are only accepted with --call <tool>');
    await withHost(config, async (host) => {
      const tools = host.toolInfo();
      if (options.json) {
        const listing = tools.map((t) => ({
          name: t.name,
          server: t.server,
          tool: t.toolName,
          description: t.description,
          inputSchema: t.inputSchema,
        }));
        const offerings = { resources: host.listResources(), resource_templates: host.listResourceTemplates() };
        process.stdout.write(
          `${JSON.stringify({ servers: host.status(), tools: listing, ...offerings, prompts: host.listPrompts() }, null, 2)}\n`,
        );
      } else {
        const offerings = {
          resources: host.listResources(),
          templates: host.listResourceTemplates(),
          prompts: host.listPrompts(),
        };
        process.stdout.write(`${formatToolListing(host.status(), tools, offerings)}\n`);
      }
    });
    return;
  }
  const toolName = options.call;
  const args = parseCallArguments(argsText);
  const result = await withHost(config, (host, env) =>
    host.callTool(toolName, args, {
      tenantId: options.tenant ?? env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID,
      ...(options.contact || env.VENTROS_CONTACT_ID ? { contactId: options.contact ?? env.VENTROS_CONTACT_ID } : {}),
      ...(options.session ? { sessionId: options.session } : {}),
    }),
  );
  printResult(result, options.json === true);
  if (result.isError) process.exitCode = 1;
}
