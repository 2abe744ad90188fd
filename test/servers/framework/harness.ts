import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { openCrmStore } from '../../../src/servers/store/index.js';
import { toMeta } from '../../../src/shared/index.js';

/** Repository root: the CLI subprocess runs from here. */
export const ROOT = new URL('../../../', import.meta.url).pathname;

/** A temp data dir with the demo dataset seeded into `crm.db`; `cleanup()` deletes it. */
export async function seededDataDir(): Promise<{ dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-c2-'));
  const store = await openCrmStore({ path: join(dir, 'crm.db') });
  try {
    await seedDemoData(store);
  } finally {
    store.close();
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real MCP client talking to `ventros server <name>` over stdio. */
export async function connectStdio(name: string, env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/cli/main.ts', 'server', name],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent', ...env },
    stderr: 'pipe',
  });
  // Kept (its tail) so a server that dies while starting says why instead of "Connection closed".
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const client = new Client({ name: `test-${name}`, version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`server ${name} did not start: ${String(error)}\n${stderr}`, { cause: error });
  }
  return client;
}

/** Calls a tool, optionally with a trusted tenant/contact in `_meta`. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  trusted?: Parameters<typeof toMeta>[0],
): Promise<CallToolResult> {
  return (await client.callTool({
    name,
    arguments: args,
    ...(trusted ? { _meta: toMeta(trusted) } : {}),
  })) as CallToolResult;
}

/** The text of the first content block (the JSON or the error message). */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

/** structuredContent of a successful result; fails the test with the error text otherwise. */
export function ok<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool returned an error: ${textOf(result)}`);
  return result.structuredContent as T;
}
