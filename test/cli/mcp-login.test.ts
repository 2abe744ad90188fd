import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OAuthMcpServer, startOAuthMcpServer } from '../support/oauth-mcp-server.js';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let configPath: string;
let remote: OAuthMcpServer;

/** Runs the CLI; `onStderr` sees stderr as it arrives. Bounded by a 60 s deadline. */
function ventros(args: string[], onStderr?: (text: string, child: ChildProcess) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', VENTROS_DATA_DIR: join(dir, 'data'), VENTROS_MODEL: 'offline' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ventros ${args.join(' ')} did not finish: ${stderr}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-login-'));
  remote = await startOAuthMcpServer();
  configPath = join(dir, 'mcp.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ mcpServers: { crm: { url: remote.url, oauth: true }, plain: { url: remote.url } } }),
  );
});

afterAll(async () => {
  await remote?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ventros mcp login / logout', () => {
  it('prints the login URL, finishes when the browser comes back, and `ventros tools` then lists the remote tools', async () => {
    let opened = false;
    const login = await ventros(
      ['mcp', 'login', 'crm', '--config', configPath, '--no-browser', '--timeout', '30'],
      (text) => {
        const url = /https?:\/\/\S+\/authorize\S*/.exec(text)?.[0];
        if (url && !opened) {
          opened = true;
          void fetch(url, { redirect: 'follow' });
        }
      },
    );
    expect(login.stderr).toContain('To log in to "crm"');
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/Logged in to "crm".*readable by you only/);
    const token = remote.accessTokens.at(-1) as string;
    expect(login.stdout + login.stderr).not.toContain(token);

    const tools = await ventros(['tools', '--config', configPath, '--json']);
    expect(tools.code).toBe(0);
    expect(tools.stdout).toContain('crm__whoami');
    expect(tools.stdout + tools.stderr).not.toContain(token);

    const logout = await ventros(['mcp', 'logout', 'crm', '--config', configPath]);
    expect(logout.stdout).toContain('Logged out of "crm"');
  }, 120_000);

  it('names the servers that use OAuth when asked for another, and refuses a bad timeout', async () => {
    const wrong = await ventros(['mcp', 'login', 'plain', '--config', configPath]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/"plain" has no "oauth" setting; servers with OAuth: crm/);
    const timeout = await ventros(['mcp', 'login', 'crm', '--config', configPath, '--timeout', 'soon']);
    expect(timeout.code).toBe(1);
    expect(timeout.stderr).toMatch(/--timeout must be a whole number/);
  }, 60_000);
});
