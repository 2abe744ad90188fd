// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config values that contain ${VAR} on purpose
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError } from '../../../src/host/errors.js';
import { loadHostConfig, parseHostConfig } from '../../../src/host/index.js';

/** The HostError a bad config throws (fails the test if nothing is thrown). */
function configError(json: unknown, env: NodeJS.ProcessEnv = {}): HostError {
  try {
    parseHostConfig(json, 'mcp.config.json', { env, baseDir: '/etc/ventros' });
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('invalid_config');
    return error as HostError;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseHostConfig', () => {
  it('reads the three kinds of entry with defaults applied', () => {
    const config = parseHostConfig(
      {
        mcpServers: {
          local: { command: 'node', args: ['server.js'], env: { A: '1' }, cwd: 'servers' },
          remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
          legacy: { url: 'http://127.0.0.1:9/sse', transport: 'sse', timeout_ms: 5000 },
          memory: { builtin: 'memory', tools: { allow: ['search_*'], deny: ['search_secret'] } },
          off: { builtin: 'bi', disabled: true, restart: { max_attempts: 1, backoff_ms: 10 } },
        },
      },
      'inline',
      { baseDir: '/etc/ventros', env: {} },
    );
    expect(config.servers.map((s) => [s.name, s.kind])).toEqual([
      ['local', 'stdio'],
      ['remote', 'url'],
      ['legacy', 'url'],
      ['memory', 'builtin'],
      ['off', 'builtin'],
    ]);
    const [local, remote, legacy, memory, off] = config.servers;
    expect(local).toMatchObject({ command: 'node', args: ['server.js'], env: { A: '1' }, cwd: '/etc/ventros/servers' });
    expect(local).toMatchObject({ timeoutMs: 30_000, restart: { maxAttempts: 3, backoffMs: 500 }, disabled: false });
    expect(remote).toMatchObject({ transport: 'auto', headers: { Authorization: 'Bearer x' } });
    expect(legacy).toMatchObject({ transport: 'sse', timeoutMs: 5000 });
    expect(memory).toMatchObject({ builtin: 'memory', tools: { allow: ['search_*'], deny: ['search_secret'] } });
    expect(off).toMatchObject({ disabled: true, restart: { maxAttempts: 1, backoffMs: 10 } });
  });

  it("accepts VS Code's `type` spelling and Claude Desktop's other top-level keys", () => {
    const config = parseHostConfig(
      {
        globalShortcut: 'Ctrl+Space',
        mcpServers: { a: { type: 'sse', url: 'http://h/sse' }, b: { type: 'stdio', command: 'x' } },
      },
      'inline',
    );
    expect(config.servers[0]).toMatchObject({ kind: 'url', transport: 'sse' });
    expect(config.servers[1]).toMatchObject({ kind: 'stdio', command: 'x' });
  });

  it('expands ${VAR} and ${VAR:-default} in strings', () => {
    const config = parseHostConfig(
      {
        mcpServers: {
          crm: {
            url: '${CRM_URL:-http://localhost:8080/mcp}',
            headers: { Authorization: 'Bearer ${CRM_TOKEN}' },
          },
          tool: { command: '${NODE_BIN}', args: ['--port', '${PORT:-8000}'] },
        },
      },
      'inline',
      { env: { CRM_TOKEN: 's3cret', NODE_BIN: '/usr/bin/node' } },
    );
    expect(config.servers[0]).toMatchObject({
      url: 'http://localhost:8080/mcp',
      headers: { Authorization: 'Bearer s3cret' },
    });
    expect(config.servers[1]).toMatchObject({ command: '/usr/bin/node', args: ['--port', '8000'] });
  });

  it('names the variable and where it is used when an unset variable has no default', () => {
    const error = configError({
      mcpServers: { crm: { url: 'http://h/mcp', headers: { Authorization: 'Bearer ${CRM_TOKEN}' } } },
    });
    expect(error.message).toBe(
      'mcp.config.json: mcpServers.crm.headers.Authorization: environment variable CRM_TOKEN is not set (write ${CRM_TOKEN:-default} to give a default)',
    );
  });

  it('says which kinds are expected when an entry has none or several', () => {
    expect(configError({ mcpServers: { memory: { args: ['x'] } } }).message).toBe(
      'mcp.config.json: mcpServers.memory: expected one of "command", "url" or "builtin"',
    );
    expect(configError({ mcpServers: { memory: { command: 'x', url: 'http://h' } } }).message).toContain(
      'expected one of "command", "url" or "builtin" (found "command" and "url"; give exactly one)',
    );
    expect(configError({ mcpServers: { memory: 'npx ventros' } }).message).toBe(
      'mcp.config.json: mcpServers.memory: expected an object',
    );
  });

  it('names the server and field of a wrongly typed value', () => {
    expect(configError({ mcpServers: { bi: { builtin: 'bi', timeout_ms: 'fast' } } }).message).toMatch(
      /^mcp\.config\.json: mcpServers\.bi\.timeout_ms: .*number/,
    );
    expect(configError({ mcpServers: { bi: { command: 'x', args: 'a b' } } }).message).toMatch(
      /^mcp\.config\.json: mcpServers\.bi\.args: .*array/,
    );
    expect(configError({ mcpServers: { r: { url: 'ftp://h/x' } } }).message).toBe(
      'mcp.config.json: mcpServers.r.url: expected an http(s) URL',
    );
    expect(configError({ mcpServers: { r: { url: 'http://h', transport: 'websocket' } } }).message).toMatch(
      /^mcp\.config\.json: mcpServers\.r\.transport: .*"http"\|"sse"/,
    );
    expect(
      configError({ mcpServers: { r: { builtin: 'x', restart: { max_attempts: 100, backoff_ms: 1 } } } }).message,
    ).toMatch(/^mcp\.config\.json: mcpServers\.r\.restart\.max_attempts: /);
    expect(configError({ mcpServers: { r: { builtin: 'x', tools: { allow: 'a*' } } } }).message).toMatch(
      /^mcp\.config\.json: mcpServers\.r\.tools\.allow: /,
    );
  });

  it('rejects unknown fields by name (a typo must not be silently ignored)', () => {
    expect(configError({ mcpServers: { bi: { builtin: 'bi', timeout: 10 } } }).message).toBe(
      'mcp.config.json: mcpServers.bi: unknown field(s) "timeout"',
    );
  });

  it('rejects a file without mcpServers and bad server names', () => {
    expect(configError({ servers: {} }).message).toMatch(/^mcp\.config\.json: mcpServers: /);
    expect(configError({ mcpServers: { 'my server': { builtin: 'x' } } }).message).toContain('mcpServers.my server:');
  });

  it('locates invalid JSON by line and column', () => {
    const error = configError('{\n  "mcpServers": {\n    "a": { "builtin": "x", }\n  }\n}');
    expect(error.message).toMatch(/^mcp\.config\.json: invalid JSON at line 3, column 28: /);
    expect(configError('{"mcpServers": {').message).toMatch(/^mcp\.config\.json: invalid JSON at line 1, column \d+/);
  });
});

describe('loadHostConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ventros-host-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and resolves cwd against its folder', async () => {
    const file = path.join(dir, 'mcp.config.json');
    await writeFile(file, JSON.stringify({ mcpServers: { s: { command: 'node', cwd: './sub' } } }));
    const config = await loadHostConfig(file);
    expect(config.source).toBe(file);
    expect(config.servers[0]).toMatchObject({ cwd: path.join(dir, 'sub') });
  });

  it('fails clearly for a missing file', async () => {
    await expect(loadHostConfig(path.join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read the MCP config/);
  });

  it('accepts the default mcp.config.json: our six servers, all builtin', async () => {
    const config = await loadHostConfig(path.resolve('mcp.config.json'));
    expect(config.servers.map((s) => (s.kind === 'builtin' ? s.builtin : s.kind))).toEqual([
      'memory',
      'bi',
      'sales',
      'retention',
      'support',
      'format',
    ]);
  });
});
