import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { createServerByName, openServerDeps } from '../../src/servers/registry.js';
import { loadEnv } from '../../src/shared/index.js';

/**
 * Our own format server two ways: as `ventros server format` (a stdio child of the CLI) and as a
 * builtin in process. The same call must give the same answer.
 */
describe('our servers through the host: stdio subprocess and builtin', () => {
  let host: McpHost;
  let dataDir: string;
  let closeDeps: (() => PromiseLike<void>) | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ventros-host-own-'));
    const deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dataDir }));
    closeDeps = () => deps[Symbol.asyncDispose]();
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            child: {
              command: process.execPath,
              args: ['--import', 'tsx', 'src/cli/main.ts', 'server', 'format'],
              env: { LOG_LEVEL: 'silent', VENTROS_DATA_DIR: dataDir },
              connect_timeout_ms: 20_000,
            },
            inproc: { builtin: 'format' },
          },
        },
        'test',
      ),
      builtins: { format: () => createServerByName('format', deps) },
      mode: 'strict',
    });
  });
  afterAll(async () => {
    await host?.close();
    await closeDeps?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the same tools from both, under their own namespaces', () => {
    const bare = (server: string) =>
      host
        .toolInfo()
        .filter((t) => t.server === server)
        .map((t) => t.toolName);
    expect(bare('child')).toContain('format_table');
    expect(bare('child')).toEqual(bare('inproc'));
    expect(host.status().map((s) => s.transport)).toEqual(['stdio', 'in-memory']);
  });

  it('answers the same call the same way over stdio and in process', async () => {
    const args = {
      title: 'Vendas',
      columns: ['agente', 'vendas'],
      rows: [
        ['Ana', 3],
        ['Bia', 5],
      ],
    };
    const viaChild = await host.callTool('child__format_table', args, { tenantId: 'tenant-demo' });
    const inProcess = await host.callTool('inproc__format_table', args, { tenantId: 'tenant-demo' });
    expect(viaChild.isError).toBeUndefined();
    expect(viaChild.content).toContain('Ana');
    expect(viaChild).toEqual(inProcess);
  });

  it('returns a validation failure as a tool error result, not an exception', async () => {
    const result = await host.callTool('child__format_table', { columns: [] }, { tenantId: 'tenant-demo' });
    expect(result.isError).toBe(true);
    expect(result.content.length).toBeGreaterThan(0);
  });
});
