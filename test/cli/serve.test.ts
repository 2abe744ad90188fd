import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { freeLoopbackPort } from '../support/free-port.js';

const root = join(import.meta.dirname, '..', '..');
let dataDir: string;
let child: ChildProcess;
let port: number;
let stderr = '';

/** Spawns `ventros serve` and waits for it to listen; false when another process took the port first. */
async function startServe(): Promise<boolean> {
  stderr = '';
  port = await freeLoopbackPort();
  child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', '--port', String(port), '--grpc-port', '0'],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', VENTROS_DATA_DIR: dataDir, VENTROS_MODEL: 'offline', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 45_000;
  while (!stderr.includes('ventros: HTTP on')) {
    if (child.exitCode !== null && stderr.includes('EADDRINUSE')) return false;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-serve-'));
  // Bounded: a port taken between the probe and serve's listen is tried again, at most three times.
  for (let attempt = 1; !(await startServe()); attempt++) {
    if (attempt >= 3) throw new Error(`serve found its port taken three times:\n${stderr}`);
  }
}, 150_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ventros serve', () => {
  it('says at start that durable workflows are off without DATABASE_URL, and /api/workflows answers 503 saying how to turn them on', async () => {
    expect(stderr).toContain('durable workflows are off: set DATABASE_URL=postgres://');
    expect(stderr).toContain('workflows off');
    const started = await fetch(`http://127.0.0.1:${port}/api/workflows/lead_nurturing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contact_id: 'contact-carlos' }),
    });
    expect(started.status).toBe(503);
    expect(await started.json()).toMatchObject({
      error: { code: 'unavailable', message: expect.stringContaining('DATABASE_URL') },
    });
    expect((await fetch(`http://127.0.0.1:${port}/api/workflows`)).status).toBe(503);
  });

  it('seeds an empty store, answers HTTP on localhost, and stops on SIGTERM even with an MCP stream and a WebSocket open', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', model: 'offline' });

    const answer = await fetch(`http://127.0.0.1:${port}/api/agents/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' }),
    });
    expect(await answer.json()).toMatchObject({
      agent_used: 'retention_churn',
      metadata: { contact_id: 'contact-carlos' },
    });

    // A WebSocket client runs a message and stays connected.
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/agent`);
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.once('open', () =>
        socket.send(
          JSON.stringify({ type: 'message', id: 'r1', message: 'Quero cancelar', contact_id: 'contact-carlos' }),
        ),
      );
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; result?: Record<string, unknown> };
        if (frame.type === 'result') resolve(frame.result ?? {});
        if (frame.type === 'error') reject(new Error(String(data)));
      });
      socket.once('error', reject);
    });
    expect(result).toMatchObject({ agent_used: 'retention_churn' });
    const socketClosed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    // An MCP client keeps a session and its standalone GET event stream open.
    const client = new Client({ name: 'held-open', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`));
    await client.connect(transport);
    await client.listTools();

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    await client.close().catch(() => undefined);
    expect(code).toBe(0);
    expect(await socketClosed).toBe(1001); // going away
    expect(stderr).toContain('shutting down');
  }, 40_000);
});
