/**
 * One agent turn — user message → model → one MCP tool call over stdio → model → answer — with the
 * mock LLM at zero latency, our runtime vs a bare loop written directly on @anthropic-ai/sdk + the MCP
 * SDK Client, against the same mock and the same stdio server (`ventros server format`).
 *
 * Each side runs in its own child process (so CPU and peak RSS are its own); the mock LLM runs in this
 * parent process. Sides alternate in rounds so drift hits both alike.
 *
 * `bare-stream` is the same bare loop with `stream: true`: the fair reference for `ours-stream`.
 *
 *   npx tsx bench/agent-turn.bench.ts [turnsPerRound=500] [rounds=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { AnthropicModel } from '../src/agents/providers/anthropic/anthropic-model.js';
import { LlmAgent, Runner } from '../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../src/agents/sessions/index.js';
import type { Tool } from '../src/agents/tool.js';
import { createHost, parseHostConfig } from '../src/host/index.js';
import { startMockLlm } from '../test/support/mock-llm/index.js';
import { percentile, table } from './support/stats.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const MODEL = 'claude-sonnet-4-6';
const SYSTEM = 'You are a benchmark agent. Use the tool, then answer.';
const SCORES = {
  scores_list: [
    { grammar: 9, tone: 8 },
    { grammar: 7, tone: 9 },
  ],
};
const WARMUP = 100;

type Side = 'bare' | 'bare-stream' | 'ours' | 'ours-stream';
interface SideReport {
  side: Side;
  latenciesMs: number[];
  cpuMsPerTurn: number;
  maxRssMb: number;
  wallMs: number;
}

function serverCommand(dataDir: string) {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', CLI, 'server', 'format'],
    env: { PATH: process.env.PATH ?? '', VENTROS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  };
}

async function timeTurns(turns: number, turn: (i: number) => Promise<void>): Promise<Omit<SideReport, 'side'>> {
  for (let i = 0; i < WARMUP; i++) await turn(-1 - i);
  const latenciesMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < turns; i++) {
    const t0 = performance.now();
    await turn(i);
    latenciesMs.push(performance.now() - t0);
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    latenciesMs,
    cpuMsPerTurn: (used.user + used.system) / 1000 / turns,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    wallMs,
  };
}

type Params = Anthropic.MessageCreateParamsNonStreaming;

/**
 * The bare streaming reference: `stream: true` with the content assembled from the raw events (the
 * lightest way the SDK streams), so `ours-stream` is compared with streaming, not with one JSON body.
 */
async function createStreamed(anthropic: Anthropic, params: Params): Promise<{ content: Anthropic.ContentBlock[] }> {
  const stream = await anthropic.messages.create({ ...params, stream: true });
  const content: Anthropic.ContentBlock[] = [];
  const json = new Map<number, string>();
  for await (const event of stream) {
    if (event.type === 'content_block_start') content[event.index] = { ...event.content_block };
    else if (event.type === 'content_block_delta') {
      const block = content[event.index];
      if (event.delta.type === 'text_delta' && block?.type === 'text') block.text += event.delta.text;
      else if (event.delta.type === 'input_json_delta') {
        json.set(event.index, (json.get(event.index) ?? '') + event.delta.partial_json);
      }
    } else if (event.type === 'content_block_stop') {
      const block = content[event.index];
      if (block?.type === 'tool_use') block.input = JSON.parse(json.get(event.index) || '{}');
    }
  }
  return { content };
}

async function runBare(baseURL: string, dataDir: string, turns: number, stream: boolean): Promise<SideReport> {
  const anthropic = new Anthropic({ apiKey: 'bench', baseURL, maxRetries: 0 });
  const client = new Client({ name: 'bare-bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport(serverCommand(dataDir)));
  const listed = await client.listTools();
  const tools = listed.tools.map((t) => ({
    name: t.name,
    description: t.description ?? '',
    input_schema: t.inputSchema as Anthropic.Tool.InputSchema,
  }));
  const report = await timeTurns(turns, async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Score these two messages.' }];
    for (let round = 0; round < 4; round++) {
      const params: Params = { model: MODEL, max_tokens: 1024, system: SYSTEM, messages, tools };
      const response = stream ? await createStreamed(anthropic, params) : await anthropic.messages.create(params);
      const uses = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
      if (uses.length === 0) return;
      messages.push({ role: 'assistant', content: response.content });
      const results = await Promise.all(
        uses.map(async (use) => {
          const result = await client.callTool({ name: use.name, arguments: use.input as Record<string, unknown> });
          const text = (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
          return {
            type: 'tool_result' as const,
            tool_use_id: use.id,
            content: text,
            is_error: result.isError === true,
          };
        }),
      );
      messages.push({ role: 'user', content: results });
    }
  });
  await client.close();
  return { side: stream ? 'bare-stream' : 'bare', ...report };
}

async function runOurs(baseURL: string, dataDir: string, turns: number, stream: boolean): Promise<SideReport> {
  const host = await createHost({
    config: parseHostConfig({ mcpServers: { format: serverCommand(dataDir) } }, 'bench'),
    mode: 'strict',
  });
  const agent = new LlmAgent({
    name: 'bench',
    description: 'benchmark agent',
    instruction: SYSTEM,
    model: new AnthropicModel({ apiKey: 'bench', baseURL, model: MODEL }),
    tools: host.tools(['format__aggregate_scores']) as Tool[],
    stream,
  });
  const sessions = new InMemorySessionStore();
  const runner = new Runner({ sessions });
  const report = await timeTurns(turns, async (i) => {
    const result = await runner.execute(agent, {
      message: 'Score these two messages.',
      tenantId: 'tenant-bench',
      sessionId: `s${i}`,
    });
    // Each turn is a new conversation, saved like any other; it is then dropped so the store stays flat
    // (the bare loop keeps nothing; thousands of kept sessions would measure the GC, not the turn).
    await sessions.delete(result.session);
  });
  await host.close();
  return { side: stream ? 'ours-stream' : 'ours', ...report };
}

/** Child: run one side and print its report as JSON on stdout. */
async function child(side: Side, baseURL: string, turns: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-bench-'));
  try {
    const report = side.startsWith('bare')
      ? await runBare(baseURL, dataDir, turns, side === 'bare-stream')
      : await runOurs(baseURL, dataDir, turns, side === 'ours-stream');
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runChild(side: Side, baseURL: string, turns: number): Promise<SideReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', side, baseURL, String(turns)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'))
        : reject(new Error(`${side} exited ${code}`)),
    );
  });
}

async function parent(turns: number, rounds: number): Promise<void> {
  const mock = await startMockLlm();
  // Zero-latency model: first call asks for the tool, the call after a tool result answers.
  mock.setHandler((request) =>
    request.toolResults.length > 0
      ? { text: 'Média: gramática 8, tom 8.5.', usage: { input: 50, output: 10 } }
      : {
          toolCalls: [{ name: request.tools[0]?.name ?? 'aggregate_scores', input: SCORES }],
          usage: { input: 40, output: 20 },
        },
  );
  const sides: Side[] = ['bare', 'ours', 'bare-stream', 'ours-stream'];
  const reports = new Map<Side, SideReport[]>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const side of sides) {
        const report = await runChild(side, mock.anthropicBaseUrl, turns);
        reports.set(side, [...(reports.get(side) ?? []), report]);
        mock.requests.length = 0; // the mock records every request; keep its memory flat
      }
    }
  } finally {
    await mock.close();
  }
  const rows = sides.map((side) => {
    const all = reports.get(side) ?? [];
    const latencies = all.flatMap((r) => r.latenciesMs);
    const wall = all.reduce((s, r) => s + r.wallMs, 0);
    return {
      side,
      turns: latencies.length,
      'turns/s': (latencies.length / wall) * 1000,
      'p50 ms': percentile(latencies, 50),
      'p95 ms': percentile(latencies, 95),
      'p99 ms': percentile(latencies, 99),
      'cpu ms/turn': all.reduce((s, r) => s + r.cpuMsPerTurn, 0) / all.length,
      'peak RSS MB': Math.max(...all.map((r) => r.maxRssMb)),
    };
  });
  type Row = (typeof rows)[number];
  const [bare, ours, bareStream, oursStream] = rows as [Row, Row, Row, Row];
  const ratio = (row: Row, reference = bare) => (row['p50 ms'] / reference['p50 ms']).toFixed(2);
  console.log(`agent turn: message → model → stdio MCP tool → model → answer (mock LLM, zero latency)`);
  console.log(`${turns} turns × ${rounds} rounds per side after ${WARMUP} warm-up turns, node ${process.version}\n`);
  console.log(table(rows));
  console.log(`\np50 ratio vs bare loop: ours ${ratio(ours)}×, ours with streaming ${ratio(oursStream)}×`);
  console.log(`p50 ratio vs bare streaming loop: ours with streaming ${ratio(oursStream, bareStream)}×`);
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as Side, args[2] as string, Number(args[3]));
} else {
  await parent(Number(args[0] ?? 500), Number(args[1] ?? 3));
}
