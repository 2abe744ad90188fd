import type { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { sleep } from '../../shared/index.js';
import type { OpenedTransport } from './open-transport.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Polls until the process is gone or `ms` passed (bounded: at most ms / 20 checks). */
async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 20) {
    if (!isAlive(pid)) return true;
    await sleep(20);
  }
  return !isAlive(pid);
}

/**
 * Closes a connection and, for a child process, makes sure it is gone: stdin is closed (the polite
 * MCP shutdown), then SIGTERM after `graceMs`, then SIGKILL after another `graceMs`. A Streamable
 * HTTP session is ended with DELETE unless `terminate` is false (the server already forgot it).
 * Never throws.
 */
export async function closeTransport(
  client: Client | undefined,
  opened: OpenedTransport,
  graceMs: number,
  options: { terminate?: boolean } = {},
) {
  if (opened.kind === 'http' && options.terminate !== false) {
    // Polite end of a Streamable HTTP session (DELETE), bounded: the server may already be gone.
    const transport = opened.transport as StreamableHTTPClientTransport;
    if (transport.sessionId) await Promise.race([transport.terminateSession().catch(() => {}), sleep(graceMs)]);
  }
  const pid = opened.kind === 'stdio' ? (opened.transport as StdioClientTransport).pid : null;
  const closing = (client ? client.close() : opened.transport.close()).catch(() => {});
  if (pid !== null) {
    if (!(await exitsWithin(pid, graceMs))) {
      signal(pid, 'SIGTERM');
      if (!(await exitsWithin(pid, graceMs))) {
        signal(pid, 'SIGKILL');
        await exitsWithin(pid, graceMs);
      }
    }
  }
  // The SDK's own close waits for the process; bounded so a stuck transport cannot hang shutdown.
  await Promise.race([closing, sleep(graceMs)]);
  await opened.server?.close?.().catch(() => {});
}
