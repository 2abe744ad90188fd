import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { freeLoopbackPort } from '../support/free-port.js';
import { eventually, isAlive } from './helpers.js';

/** The third-party reference server (`@modelcontextprotocol/server-everything`). */
const EVERYTHING = path.resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');

const sampling = async () => ({
  role: 'assistant' as const,
  model: 'scripted-everything',
  content: { type: 'text' as const, text: 'sampled text' },
});

/** Starts `mcp-server-everything streamableHttp` and waits until it listens (bounded). */
async function startEverythingHttp(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = await eventually(() => stderr.includes('listening on port'), 400);
  if (!listening) {
    child.kill('SIGKILL');
    throw new Error(`server-everything did not start: ${stderr}`);
  }
  return { url: `http://127.0.0.1:${port}/mcp`, child };
}

describe('host against @modelcontextprotocol/server-everything', () => {
  let host: McpHost;
  let http: { url: string; child: ChildProcess };

  beforeAll(async () => {
    http = await startEverythingHttp();
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            stdio: { command: process.execPath, args: [EVERYTHING, 'stdio'] },
            remote: { url: http.url },
          },
        },
        'test',
      ),
      mode: 'strict',
      sampling,
    });
  });
  afterAll(async () => {
    await host?.close();
    if (http?.child.pid && isAlive(http.child.pid)) {
      http.child.kill('SIGTERM');
      await eventually(() => http.child.exitCode !== null || http.child.signalCode !== null);
    }
  });

  it('connects over stdio and over Streamable HTTP (auto mode picks HTTP)', () => {
    expect(host.status().map((s) => [s.name, s.state, s.transport, s.serverInfo?.name])).toEqual([
      ['stdio', 'ready', 'stdio', 'mcp-servers/everything'],
      ['remote', 'ready', 'http', 'mcp-servers/everything'],
    ]);
  });

  it('calls echo on both transports', async () => {
    expect(await host.callTool('stdio__echo', { message: 'olá' })).toEqual({ content: 'Echo: olá' });
    expect(await host.callTool('remote__echo', { message: 'oi' })).toEqual({ content: 'Echo: oi' });
  });

  it('relays progress of the long-running operation on both transports', async () => {
    for (const server of ['stdio', 'remote']) {
      const seen: Array<{ progress: number; total?: number }> = [];
      const result = await host.callTool(
        `${server}__trigger-long-running-operation`,
        { duration: 0.3, steps: 3 },
        { onProgress: (p) => seen.push(p) },
      );
      expect(result.content).toContain('Long running operation completed');
      expect(seen.map((p) => [p.progress, p.total])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
    }
  });

  it('answers its sampling request with the injected function (tool registered after list_changed)', async () => {
    expect(await eventually(() => host.resolveTools(['stdio__trigger-sampling-request']).tools.length === 1)).toBe(
      true,
    );
    const result = await host.callTool('stdio__trigger-sampling-request', { prompt: 'hi', maxTokens: 10 });
    expect(result.content).toContain('sampled text');
  });

  it('summarizes non-text content and passes structured content through', async () => {
    const image = await host.callTool('stdio__get-tiny-image', {});
    expect(image.content).toMatch(/\[image: image\/png, \d+ bytes\]/);
    const structured = await host.callTool('remote__get-structured-content', { location: 'New York' });
    expect(structured.structured).toMatchObject({ temperature: expect.any(Number) });
  });
});
