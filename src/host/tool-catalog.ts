import type { Tool as McpTool } from '@modelcontextprotocol/server';
import { toolAccessOf } from '../shared/index.js';
import { HostError } from './errors.js';
import { disambiguate, isGlob, matchesGlob, namespacedToolName } from './naming.js';
import type { ToolInfo } from './types.js';

/** One server's tools, as cached by its connection. */
export interface ServerTools {
  server: string;
  timeoutMs: number;
  tools: readonly McpTool[];
}

/** The outcome of matching a selection against the catalog. */
export interface ToolResolution {
  /** Matched tools, in catalog order, each once. */
  tools: ToolInfo[];
  /** Exact names (not globs) that matched nothing. */
  missing: string[];
  /** Bare names more than one server offers, with the namespaced candidates. */
  ambiguous: Array<{ name: string; candidates: string[] }>;
}

/**
 * Builds the aggregated catalog: every tool under its namespaced name, sorted by server then tool
 * so that the rare clash after sanitizing is resolved the same way on every start.
 */
export function buildCatalog(servers: readonly ServerTools[]): ToolInfo[] {
  const entries = servers
    .flatMap((s) => s.tools.map((tool) => ({ server: s.server, timeoutMs: s.timeoutMs, tool })))
    .sort((a, b) => a.server.localeCompare(b.server) || a.tool.name.localeCompare(b.tool.name));
  const taken = new Set<string>();
  const catalog: ToolInfo[] = [];
  for (const { server, timeoutMs, tool } of entries) {
    let name = namespacedToolName(server, tool.name);
    if (taken.has(name)) name = disambiguate(name, server, tool.name);
    taken.add(name);
    const access = toolAccessOf(tool._meta);
    catalog.push({
      name,
      server,
      toolName: tool.name,
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.description ?? tool.title ?? tool.name,
      inputSchema: tool.inputSchema as ToolInfo['inputSchema'],
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema as ToolInfo['outputSchema'] } : {}),
      ...(tool.annotations ? { annotations: tool.annotations as Record<string, unknown> } : {}),
      ...(access ? { access } : {}),
      timeoutMs,
    });
  }
  return catalog;
}

/**
 * Matches names or globs against namespaced names (`sales__qualify_lead`, `memory__*`) and bare
 * names (`search_memory`). A bare name resolves when one server offers it and is reported as
 * ambiguous otherwise; a glob may match several tools or none.
 */
export function resolveSelection(catalog: readonly ToolInfo[], selection: readonly string[]): ToolResolution {
  const picked = new Set<ToolInfo>();
  const missing: string[] = [];
  const ambiguous: ToolResolution['ambiguous'] = [];
  for (const pattern of selection) {
    if (isGlob(pattern)) {
      for (const info of catalog) {
        if (matchesGlob(info.name, pattern) || matchesGlob(info.toolName, pattern)) picked.add(info);
      }
      continue;
    }
    const exact = catalog.find((info) => info.name === pattern);
    if (exact) {
      picked.add(exact);
      continue;
    }
    const bare = catalog.filter((info) => info.toolName === pattern);
    if (bare.length === 1 && bare[0]) picked.add(bare[0]);
    else if (bare.length > 1) ambiguous.push({ name: pattern, candidates: bare.map((info) => info.name) });
    else missing.push(pattern);
  }
  return { tools: catalog.filter((info) => picked.has(info)), missing, ambiguous };
}

/** One tool by exact namespaced or unique bare name; typed errors otherwise. */
export function findTool(catalog: readonly ToolInfo[], name: string): ToolInfo {
  const { tools, missing, ambiguous } = resolveSelection(catalog, [name]);
  const first = ambiguous[0];
  if (first) {
    throw new HostError(
      'ambiguous_tool',
      `tool name "${name}" is ambiguous: offered by ${first.candidates.join(', ')}; use the namespaced name`,
      { details: { tool: name, candidates: first.candidates } },
    );
  }
  const tool = tools[0];
  if (missing.length > 0 || !tool || isGlob(name)) {
    throw new HostError('tool_not_found', `no tool named "${name}" on any connected MCP server`, {
      details: { tool: name },
    });
  }
  return tool;
}
