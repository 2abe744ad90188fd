import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { builtinHostConfig } from '../../src/cli/create-app.js';
import {
  createHost,
  type HostCallContext,
  type HostToolResult,
  type McpHost,
  parseHostConfig,
} from '../../src/host/index.js';
import type { HostToolProgress } from '../../src/host/types.js';
import { DirectTools } from '../../src/servers/framework/direct-tools.js';
import { createToolServer, defineTool, ToolError, type ToolSpec } from '../../src/servers/framework/index.js';
import { builtinServerFactories, openServerDeps } from '../../src/servers/registry.js';
import { seedDemoData } from '../../src/servers/seed/index.js';
import { DeadlineExceededError, loadEnv } from '../../src/shared/index.js';
import { createSeededApp } from '../support/seeded-app.js';

/** A result with its timings (`latency_ms`, `search_latency_ms`: how long the call took) zeroed. */
function withoutTimings(result: HostToolResult): HostToolResult {
  const text = result.content.replace(/"(\w*latency_ms)":[\d.]+/g, '"$1":0');
  const structured =
    result.structured === undefined
      ? undefined
      : JSON.parse(JSON.stringify(result.structured).replace(/"(\w*latency_ms)":[\d.]+/g, '"$1":0'));
  return { ...result, content: text, ...(structured === undefined ? {} : { structured }) };
}

const staff: HostCallContext = { tenantId: 'tenant-demo', audience: 'staff' };
const customer = (contactId: string): HostCallContext => ({ tenantId: 'tenant-demo', contactId, audience: 'customer' });

/**
 * A representative set of calls of every builtin server: reads that answer, validation errors, the
 * customer binding (another contact refused, tenant-wide tools refused), business errors. Writes are
 * only called where they fail before writing, so both paths see the same store.
 */
const CALLS: ReadonlyArray<{ tool: string; args: Record<string, unknown>; context: HostCallContext; why: string }> = [
  {
    tool: 'memory__search_memory',
    args: { query: 'preço do plano' },
    context: customer('contact-carlos'),
    why: 'read',
  },
  { tool: 'memory__get_contact_context', args: {}, context: customer('contact-carlos'), why: 'read' },
  {
    tool: 'memory__get_contact_context',
    args: { contact_id: 'contact-ana' },
    context: customer('contact-carlos'),
    why: 'other contact refused',
  },
  { tool: 'memory__search_memory', args: { limit: 3 }, context: staff, why: 'validation error (no query)' },
  { tool: 'bi__get_leads_count', args: { period: 'last_30_days' }, context: staff, why: 'read' },
  { tool: 'bi__get_top_performing_agent', args: {}, context: staff, why: 'read' },
  { tool: 'bi__get_leads_count', args: {}, context: customer('contact-carlos'), why: 'tenant-wide tool refused' },
  { tool: 'bi__compare_agents', args: { agent_a: 7 }, context: staff, why: 'validation error' },
  { tool: 'sales__get_campaign_info', args: {}, context: customer('contact-daniel'), why: 'read' },
  { tool: 'sales__check_similar_leads', args: { contact_id: 'contact-daniel' }, context: staff, why: 'read' },
  {
    tool: 'sales__calculate_lead_score',
    args: {
      budget_score: 80,
      authority_score: 70,
      need_score: 90,
      timeline_score: 60,
      engagement_score: 50,
      company_score: 40,
      source_score: 30,
      response_speed_score: 20,
    },
    context: staff,
    why: 'pure computation',
  },
  { tool: 'sales__qualify_lead', args: { budget: 'yes' }, context: staff, why: 'validation error' },
  {
    tool: 'sales__get_campaign_info',
    args: { contact_id: 'contact-ana' },
    context: customer('contact-daniel'),
    why: 'other contact refused',
  },
  { tool: 'retention__check_customer_value', args: {}, context: customer('contact-carlos'), why: 'read' },
  { tool: 'retention__get_past_offers', args: { contact_id: 'contact-carlos' }, context: staff, why: 'read' },
  { tool: 'retention__search_similar_churn_cases', args: { query: 'muito caro' }, context: staff, why: 'read' },
  {
    tool: 'retention__check_customer_value',
    args: { contact_id: 'contact-nobody' },
    context: staff,
    why: 'business error (unknown contact)',
  },
  {
    tool: 'retention__create_retention_offer',
    args: { discount_percent: 'half', reason: 'x' },
    context: customer('contact-carlos'),
    why: 'validation error of a writing tool',
  },
  {
    tool: 'retention__create_retention_offer',
    args: { contact_id: 'contact-ana', discount_percent: 10, reason: 'preço' },
    context: customer('contact-carlos'),
    why: 'writing tool, other contact refused',
  },
  { tool: 'support__check_system_status', args: {}, context: customer('contact-ana'), why: 'public read' },
  { tool: 'support__get_error_logs', args: {}, context: customer('contact-ana'), why: 'read' },
  { tool: 'support__create_ticket', args: { subject: 1 }, context: staff, why: 'validation error' },
  {
    tool: 'format__format_table',
    args: { title: 'Vendas', columns: ['agente', 'vendas'], rows: [['Ana', 3]] },
    context: staff,
    why: 'pure',
  },
  {
    tool: 'format__aggregate_scores',
    args: { scores_list: [{ score: 80 }, { score: 60 }] },
    context: staff,
    why: 'pure',
  },
  { tool: 'format__format_table', args: { columns: [] }, context: staff, why: 'validation error' },
];

describe('builtin servers: the direct path answers exactly as the MCP path', () => {
  let viaMcp: McpHost;
  let direct: McpHost;
  let dataDir: string;
  let closeDeps: (() => PromiseLike<void>) | undefined;
  const spy = vi.spyOn(DirectTools.prototype, 'callTool');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ventros-direct-'));
    // One store, one clock: both hosts' servers read the same rows at the same instant.
    const fixed = new Date('2026-03-10T15:00:00Z');
    const deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dataDir }), { now: () => fixed });
    closeDeps = () => deps[Symbol.asyncDispose]();
    await seedDemoData(deps.store, { tenants: ['tenant-demo'] });
    const builtins = builtinServerFactories(deps);
    viaMcp = await createHost({ config: builtinHostConfig(), builtins, mode: 'strict', builtinDirect: false });
    direct = await createHost({ config: builtinHostConfig(), builtins, mode: 'strict' });
  }, 120_000);
  afterAll(async () => {
    spy.mockRestore();
    await viaMcp?.close();
    await direct?.close();
    await closeDeps?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('covers every builtin server', () => {
    const servers = new Set(CALLS.map((c) => c.tool.split('__')[0]));
    expect([...servers].sort()).toEqual(['bi', 'format', 'memory', 'retention', 'sales', 'support']);
  });

  it.each(CALLS)('$tool ($why)', async ({ tool, args, context }) => {
    spy.mockClear();
    const overMcp = await viaMcp.callTool(tool, args, context);
    expect(spy).not.toHaveBeenCalled();
    const inProcess = await direct.callTool(tool, args, context);
    expect(spy).toHaveBeenCalledTimes(1);
    // What the model reads, byte for byte (timings aside), and the structured result.
    expect(withoutTimings(inProcess).content).toBe(withoutTimings(overMcp).content);
    expect(withoutTimings(inProcess)).toStrictEqual(withoutTimings(overMcp));
  });

  it('answers through the HostTool objects the runtime uses, too', async () => {
    const [overMcp] = viaMcp.tools(['retention__check_customer_value']);
    const [inProcess] = direct.tools(['retention__check_customer_value']);
    const a = await overMcp?.execute({}, customer('contact-carlos'));
    const b = await inProcess?.execute({}, customer('contact-carlos'));
    expect(b && withoutTimings(b)).toStrictEqual(a && withoutTimings(a));
    expect(a?.isError).toBeUndefined();
  });

  it('keeps the refusals the model reads', async () => {
    const refused = await direct.callTool('bi__get_leads_count', {}, customer('contact-carlos'));
    expect(refused.isError).toBe(true);
    expect(refused.content).toContain('not available in a conversation with a customer');
    const invalid = await direct.callTool('format__format_table', { columns: [] }, staff);
    expect(invalid).toMatchObject({ isError: true });
    expect(invalid.content).toMatch(/^Input validation error: Invalid arguments for tool format_table: /);
  });
});

/** A server of our framework with the corner cases: progress, a throw, a slow call, a wrong output. */
function cornerServer() {
  const tools = [
    defineTool({
      name: 'count',
      access: 'public',
      description: 'Reports progress, then answers.',
      input: { to: z.number().int().min(1) },
      output: { counted: z.number() },
      async handler({ to }, ctx) {
        for (let i = 1; i <= to; i++) await ctx.progress?.(i, to, `step ${i}`);
        return { counted: to };
      },
    }),
    defineTool({
      name: 'explode',
      access: 'public',
      description: 'A bug.',
      input: {},
      async handler() {
        throw new Error('boom');
      },
    }),
    defineTool({
      name: 'refuse',
      access: 'public',
      description: 'A business error.',
      input: {},
      async handler() {
        throw new ToolError('Not today.', { reason: 'weekend' });
      },
    }),
    defineTool({
      name: 'wrong_output',
      access: 'public',
      description: 'Breaks its output schema.',
      input: {},
      output: { n: z.number() },
      async handler() {
        return { n: 'one' };
      },
    }),
    defineTool({
      name: 'extra_keys',
      access: 'public',
      description: 'Passes zod (which strips) but not the listed JSON Schema (no additional properties).',
      input: {},
      output: { n: z.number() },
      async handler() {
        return { n: 1, extra: 'x' };
      },
    }),
    defineTool({
      name: 'not_a_number',
      access: 'public',
      description: 'NaN is a number to typeof, not to zod.',
      input: {},
      output: { n: z.number() },
      async handler() {
        return { n: Number.NaN };
      },
    }),
    defineTool({
      name: 'refined',
      access: 'public',
      description: 'A refinement JSON Schema cannot express.',
      input: { n: z.number() },
      output: { n: z.number().refine((v) => v > 0, 'must be positive') },
      async handler({ n }) {
        return { n };
      },
    }),
    defineTool({
      name: 'formatted',
      access: 'public',
      description: 'A string format.',
      input: { e: z.string() },
      output: { e: z.email(), tags: z.array(z.string()).optional(), at: z.iso.datetime().nullable() },
      async handler({ e }) {
        return { e, at: null };
      },
    }),
    defineTool({
      name: 'short_deadline',
      access: 'public',
      description: 'Its own deadline passes before the host’s.',
      input: {},
      timeoutMs: 50,
      async handler(_args, ctx) {
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
        return {};
      },
    }),
    defineTool({
      name: 'slow',
      access: 'public',
      description: 'Waits until cancelled.',
      input: {},
      async handler(_args, ctx) {
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
        return {};
      },
    }),
  ] as ToolSpec[];
  return () => createToolServer({ name: 'corner', tools, defaults: { tenantId: 't' } });
}

describe('direct path corner cases match the MCP path', () => {
  let viaMcp: McpHost;
  let direct: McpHost;
  beforeAll(async () => {
    const config = parseHostConfig({ mcpServers: { corner: { builtin: 'corner', timeout_ms: 300 } } }, 'test');
    const builtins = { corner: cornerServer() };
    viaMcp = await createHost({ config, builtins, mode: 'strict', builtinDirect: false });
    direct = await createHost({ config, builtins, mode: 'strict' });
  });
  afterAll(async () => {
    await viaMcp?.close();
    await direct?.close();
  });

  it('delivers the same progress reports', async () => {
    const seen = { mcp: [] as HostToolProgress[], direct: [] as HostToolProgress[] };
    const a = await viaMcp.callTool('corner__count', { to: 3 }, { onProgress: (p) => seen.mcp.push(p) });
    const b = await direct.callTool('corner__count', { to: 3 }, { onProgress: (p) => seen.direct.push(p) });
    expect(b).toStrictEqual(a);
    expect(seen.direct).toStrictEqual(seen.mcp);
    expect(seen.direct).toHaveLength(3);
  });

  it('leaves out only the JSON text of a success for a caller that reads structured alone (structuredOnly)', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['corner__count', { to: 2 }],
      ['corner__extra_keys', {}],
      ['corner__refined', { n: 2 }],
      ['corner__refined', { n: -2 }],
      ['corner__refuse', {}],
      ['corner__wrong_output', {}],
    ];
    for (const [tool, args] of calls) {
      const full = await viaMcp.callTool(tool, args, {});
      const bare = await direct.callTool(tool, args, { structuredOnly: true });
      if (full.isError || full.structured === undefined) expect(bare).toStrictEqual(full);
      else expect(bare).toStrictEqual({ ...full, content: '' });
    }
    // Over MCP the flag changes nothing.
    expect(await viaMcp.callTool('corner__count', { to: 2 }, { structuredOnly: true })).toStrictEqual(
      await viaMcp.callTool('corner__count', { to: 2 }, {}),
    );
  });

  it('answers a business error, an output-schema violation and a bug alike', async () => {
    for (const tool of ['corner__refuse', 'corner__wrong_output']) {
      expect(await direct.callTool(tool, {}, {})).toStrictEqual(await viaMcp.callTool(tool, {}, {}));
    }
    const withoutId = (r: HostToolResult) => ({ ...r, content: r.content.replace(/error id [\w-]+/, 'error id X') });
    const a = await viaMcp.callTool('corner__explode', {}, {});
    const b = await direct.callTool('corner__explode', {}, {});
    expect(withoutId(b)).toStrictEqual(withoutId(a));
    expect(b.isError).toBe(true);
  });

  it('checks structured results against the output schema as the server and the client do', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['corner__extra_keys', {}],
      ['corner__not_a_number', {}],
      ['corner__refined', { n: 2 }],
      ['corner__refined', { n: -2 }],
      ['corner__formatted', { e: 'ana@example.com' }],
      ['corner__formatted', { e: 'not an e-mail' }],
    ];
    const answers: HostToolResult[] = [];
    for (const [tool, args] of calls) {
      const inProcess = await direct.callTool(tool, args, {});
      expect(inProcess, tool).toStrictEqual(await viaMcp.callTool(tool, args, {}));
      answers.push(inProcess);
    }
    expect(answers.map((a) => a.isError === true)).toEqual([true, true, false, true, false, true]);
  });

  it('throws the same host errors past the deadline and on a cancel', async () => {
    const failure = (host: McpHost, context: HostCallContext) =>
      host.callTool('corner__slow', {}, context).then(
        () => undefined,
        (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
      );
    // The tool's own deadline first: a tool error result the model reads, not a host error.
    const own = await direct.callTool('corner__short_deadline', {}, {});
    expect(own).toStrictEqual(await viaMcp.callTool('corner__short_deadline', {}, {}));
    expect(own.isError).toBe(true);

    const timedOut = await failure(direct, {});
    expect(timedOut).toStrictEqual(await failure(viaMcp, {}));
    expect(timedOut?.code).toBe('deadline_exceeded');

    const cancel = () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stop')), 20);
      return { signal: controller.signal };
    };
    const cancelled = await failure(direct, cancel());
    expect(cancelled).toStrictEqual(await failure(viaMcp, cancel()));
    expect(cancelled?.code).toBe('cancelled');

    const expired = () => AbortSignal.abort(new DeadlineExceededError('run deadline'));
    expect(await failure(direct, { signal: expired() })).toStrictEqual(await failure(viaMcp, { signal: expired() }));
  });

  it('answers the same when the caller’s own deadline covers the tool’s (no timer of its own then)', async () => {
    const failure = (host: McpHost, context: HostCallContext) =>
      host.callTool('corner__slow', {}, context).then(
        () => undefined,
        (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
      );
    // As the runtime calls a tool: a signal it aborts itself at `timeoutMs`, here before the host's 300 ms.
    const callerDeadline = (reason: unknown) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(reason), 30);
      return { signal: controller.signal, timeoutMs: 30 };
    };
    for (const reason of [new Error('tool timed out'), new DeadlineExceededError('run deadline')]) {
      const covered = await failure(direct, callerDeadline(reason));
      expect(covered).toStrictEqual(await failure(viaMcp, callerDeadline(reason)));
      expect(covered).toStrictEqual(await failure(direct, { signal: callerDeadline(reason).signal }));
    }
    expect(await direct.callTool('corner__count', { to: 2 }, callerDeadline(new Error('late')))).toStrictEqual(
      await viaMcp.callTool('corner__count', { to: 2 }, {}),
    );
  });
});

describe('VENTROS_BUILTIN_DIRECT', () => {
  it('off sends every builtin call over MCP; the default calls in process, with the same answer', async () => {
    const spy = vi.spyOn(DirectTools.prototype, 'callTool');
    const request = {
      agent: 'auto',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
      sessionId: 'direct-env',
    };
    try {
      const off = await createSeededApp({ env: { VENTROS_BUILTIN_DIRECT: 'off' } });
      let answerOff: string;
      try {
        answerOff = (await off.app.execute(request)).response;
      } finally {
        await off.close();
      }
      expect(spy).not.toHaveBeenCalled();
      const on = await createSeededApp();
      try {
        const answerOn = (await on.app.execute(request)).response;
        expect(spy).toHaveBeenCalled();
        expect(answerOn).toBe(answerOff);
      } finally {
        await on.close();
      }
    } finally {
      spy.mockRestore();
    }
  }, 120_000);
});
