import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

let scratch: string;
let pkg: string;
let files: string[];

/**
 * What `npm publish` would ship, checked from the tarball `npm pack` makes: the package's own files,
 * run from an empty folder. The dependencies are the checkout's (linked): installing them again from
 * the registry is not this test's subject. Needs `npm run build` first (CI builds before testing;
 * `npm pack` without --ignore-scripts builds by itself, through `prepack`).
 */
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  scratch = mkdtempSync(join(tmpdir(), 'ventros-pack-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
    cwd: ROOT,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error('npm pack reported no tarball');
  files = packed.files.map((f) => f.path);
  await run('tar', ['-xzf', join(scratch, packed.filename), '-C', scratch], { timeout: 60_000 });
  pkg = join(scratch, 'package');
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('is named for the registry, with the ventros bin, built files and nothing of the checkout', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      name: string;
      bin: Record<string, string>;
      scripts: Record<string, string>;
      publishConfig?: { access?: string };
    };
    expect(manifest.name).toBe('@ventros/agent-host');
    expect(manifest.bin).toEqual({ ventros: 'dist/cli/main.js' });
    expect(manifest.scripts['prepack']).toBe('npm run build');
    expect(manifest.publishConfig?.access).toBe('public');
    for (const needed of [
      'dist/cli/main.js',
      'dist/web/index.html',
      'proto/agent.proto',
      'proto/agent_registry.proto',
      'proto/memory.proto',
      'proto/tools.proto',
      'mcp.config.json',
      'README.md',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('evals/') && f.endsWith('.yaml'))).toBe(true);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/'))).toEqual(
      [],
    );
  });

  it('answers `ventros mcp` from an empty folder, as `npx -y @ventros/agent-host mcp` launches it', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(pkg, 'dist/cli/main.js'), 'mcp'],
        cwd: empty,
        env: {
          PATH: process.env.PATH ?? '',
          VENTROS_DATA_DIR: join(empty, 'data'),
          VENTROS_MODEL: 'offline',
          LOG_LEVEL: 'warn',
        },
        stderr: 'pipe',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
      const answer = await client.callTool({ name: 'ask', arguments: { message: 'Quero cancelar, está caro' } });
      expect(answer.isError).toBeFalsy();
      expect(answer.structuredContent).toMatchObject({ agent_used: expect.any(String) });
    } finally {
      await client.close();
    }
  }, 120_000);
});
