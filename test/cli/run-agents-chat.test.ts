import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionResultSchema } from '../../src/agents/application/index.js';
import { SqliteSessionStore } from '../../src/agents/sessions/index.js';
import { seedDemoData } from '../../src/servers/seed/index.js';
import { openCrmStore } from '../../src/servers/store/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ventros <args>` as a real subprocess with an isolated, offline environment. */
function ventros(args: string[], dataDir: string, stdin?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dataDir,
        VENTROS_MODEL: 'offline',
        VENTROS_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    // Generous: under a loaded CI machine one CLI start with tsx takes 20–30 s; the bound only stops a hang.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

describe('ventros CLI: agents, run, chat (subprocesses, offline model, seeded temp data dir)', {
  timeout: 200_000,
}, () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-cli-'));
    const store = await openCrmStore({ path: join(dataDir, 'crm.db') });
    try {
      await seedDemoData(store);
    } finally {
      store.close();
    }
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('run auto routes a cancellation to the retention agent and prints the execution result with its tools', async () => {
    const { code, stdout, stderr } = await ventros(
      ['run', 'auto', 'Quero cancelar, está muito caro', '--contact', 'contact-carlos', '--json'],
      dataDir,
    );
    expect(stderr).not.toMatch(/ventros: /);
    expect(code).toBe(0);
    const result = ExecutionResultSchema.parse(JSON.parse(stdout));
    expect(result.agent_used).toBe('retention_churn');
    expect(result.intent).toBe('retention_churn');
    expect(result.metadata).toMatchObject({ model: 'offline', offline: 'true', contact_id: 'contact-carlos' });
    const tools = result.tool_calls.map((c) => c.tool_name);
    expect(tools[0]).toBe('search_memory');
    expect(tools.length).toBeGreaterThan(1);
    expect(result.response.length).toBeGreaterThan(20);
  });

  it('run prints the answer, the agent, its tools, the offline model label and the latency', async () => {
    const { code, stdout } = await ventros(
      ['run', 'retention_churn', 'Quero cancelar, está muito caro', '--contact', 'contact-fernando'],
      dataDir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('— agente: retention_churn');
    expect(stdout).toMatch(/— ferramentas: search_memory/);
    expect(stdout).toContain('— modelo: offline');
    expect(stdout).toMatch(/— latência: \d+ ms/);
  });

  it('run with an unknown agent exits 2 and lists the agents', async () => {
    const { code, stderr, stdout } = await ventros(['run', 'nope_agent', 'oi'], dataDir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown agent "nope_agent"');
    expect(stderr).toContain('retention_churn');
    expect(stderr).toContain('auto');
  });

  it('run --as customer plays the customer: an internal agent is refused', async () => {
    const refused = await ventros(['run', 'bi_manager', 'quantos leads este mês?', '--as', 'customer'], dataDir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/serves the company's staff/);
  });

  it('run --as takes staff or customer only (exit 2)', async () => {
    const wrong = await ventros(['run', 'auto', 'oi', '--as', 'admin'], dataDir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--as must be staff or customer');
  });

  it('agents --json lists every agent with category, description and tools', async () => {
    const { code, stdout } = await ventros(['agents', '--json'], dataDir);
    expect(code).toBe(0);
    const agents = JSON.parse(stdout) as Array<{
      type: string;
      category: string;
      description: string;
      tools: string[];
    }>;
    const retention = agents.find((a) => a.type === 'retention_churn');
    expect(retention).toMatchObject({ category: 'retention' });
    expect(retention?.tools).toEqual(expect.arrayContaining(['search_memory', 'create_retention_offer']));
    expect(agents.map((a) => a.type)).toEqual(
      expect.arrayContaining(['coordinator', 'bi_manager', 'sdr', 'onboarding_flow']),
    );
    expect(agents.every((a) => a.description.length > 0)).toBe(true);
  });

  it('chat reads piped lines, keeps one session across turns, and obeys /agent and /exit', async () => {
    const { code, stdout } = await ventros(
      ['chat', '--contact', 'contact-otavio', '--session', 'chat-test-1'],
      dataDir,
      'Oi, tudo bem?\n/agent retention_churn\nQuero cancelar, está muito caro\n/exit\nthis line is never read\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('(agente: retention_churn)');
    expect(stdout.match(/— agente: /g)).toHaveLength(2);
    expect(stdout).toContain('— agente: retention_churn');
    const sessions = new SqliteSessionStore({ path: join(dataDir, 'sessions.db') });
    try {
      const session = await sessions.load({
        tenantId: 'tenant-demo',
        contactId: 'contact-otavio',
        sessionId: 'chat-test-1',
      });
      const userTexts = session?.history
        .filter((m) => m.role === 'user')
        .flatMap((m) => m.content.filter((p) => p.type === 'text').map((p) => ('text' in p ? p.text : '')));
      expect(userTexts).toEqual(expect.arrayContaining(['Oi, tudo bem?', 'Quero cancelar, está muito caro']));
    } finally {
      sessions.close();
    }
  });
});
