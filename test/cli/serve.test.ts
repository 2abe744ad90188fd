import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type ServeSubprocess, startServeSubprocess } from '../support/serve-subprocess.js';

let dataDir: string;
let serve: ServeSubprocess;
let port: number;
let child: ChildProcess;
const stderr = () => serve.stderr();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-serve-'));
  serve = await startServeSubprocess({
    env: { VENTROS_DATA_DIR: dataDir, VENTROS_MODEL: 'offline', LOG_LEVEL: 'info' },
  });
  ({ port, child } = serve);
}, 150_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ventros serve', () => {
  it('says at start that durable workflows are off without DATABASE_URL, and /api/workflows answers 503 saying how to turn them on', async () => {
    expect(stderr()).toContain('durable workflows are off: set DATABASE_URL=postgres://');
    expect(stderr()).toContain('workflows off');
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
    expect(stderr()).toContain('shutting down');
  }, 40_000);
});
