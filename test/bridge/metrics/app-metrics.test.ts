import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalService } from '../../../src/agents/application/index.js';
import { registerApprovalMetrics } from '../../../src/bridge/http/approval-metrics.js';
import { type AppMetrics, createAppMetrics, createHttpApp } from '../../../src/bridge/index.js';
import { confidenceBucket } from '../../../src/bridge/metrics/index.js';
import { SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/** The value of one sample line `name{labels} value` on a /metrics page, or undefined. */
function sample(page: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of page.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const found = Object.fromEntries(
      [...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const),
    ) as Record<string, string>;
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics after a real offline run', () => {
  let metrics: AppMetrics;
  let seeded: SeededApp;
  let outboxDir: string;
  let outbox: SqliteOutboxStore;
  let page: string;

  beforeAll(async () => {
    const categories = new Map<string, string>();
    metrics = createAppMetrics({ categoryOf: (name) => categories.get(name) });
    seeded = await createSeededApp({ observer: metrics.agents });
    for (const info of seeded.app.agents()) categories.set(info.type, info.category);
    outboxDir = mkdtempSync(join(tmpdir(), 'ventros-metrics-'));
    outbox = new SqliteOutboxStore({ path: join(outboxDir, 'outbox.db'), now: () => 1_000 });
    await outbox.commitHandled(
      { eventId: 'e1', tenantId: 'tenant-demo', messageId: 'm1' },
      { id: 'o1', tenantId: 'tenant-demo', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
    );
    await outbox.commitHandled(
      { eventId: 'e2', tenantId: 'tenant-demo', messageId: 'm2' },
      { id: 'o2', tenantId: 'tenant-demo', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
    );
    await outbox.markFailed('o2', { errorType: 'publish_failed', errorMessage: 'nope' });
    metrics.addSources({
      outbox,
      servers: () => seeded.app.host.status(),
      now: () => 61_000,
    });
    const http = createHttpApp({
      app: seeded.app,
      metrics: metrics.http,
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
    });

    const res = await http.request('/api/agents/message', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Quero cancelar minha assinatura, está caro demais', contact_id: 'contact-ana' }),
    });
    expect(res.status).toBe(200);
    page = await (await http.request('/metrics')).text();
  }, 60_000);

  afterAll(async () => {
    await outbox?.close();
    if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
    await seeded?.close();
  });

  it('has the seed five metrics with their exact labels', () => {
    expect(page).toMatch(/^agent_requests_total\{agent_name="[^"]+",agent_category="[^"]+"\} \d+/m);
    expect(page).toMatch(/^agent_duration_seconds_count\{agent_name="[^"]+",agent_category="[^"]+"\} \d+/m);
    expect(page).toMatch(/^llm_tokens_used_total\{model_name="offline",agent_name="[^"]+"\} \d+/m);
    expect(page).toMatch(/^tool_calls_total\{tool_name="[^"]+",agent_name="[^"]+"\} \d+/m);
    expect(page).toContain('# TYPE agent_errors_total counter');
    expect(sample(page, 'agent_requests_total', { agent_name: 'retention_churn', agent_category: 'retention' })).toBe(
      1,
    );
    expect(sample(page, 'agent_requests_total', { agent_name: 'auto' })).toBe(1);
  });

  it('has model and tool latency histograms, tenant tokens and cost, and the route decision', () => {
    expect(page).toMatch(
      /^ventros_model_call_duration_seconds_bucket\{le="[^"]+",model_name="offline",agent_name="retention_churn",outcome="ok"\}/m,
    );
    expect(page).toMatch(
      /^ventros_tool_call_duration_seconds_count\{tool_name="[^"]+",agent_name="retention_churn",outcome="ok"\} \d+/m,
    );
    expect(sample(page, 'ventros_llm_tokens_total', { tenant_id: 'tenant-demo', direction: 'input' })).toBe(0);
    expect(sample(page, 'ventros_llm_cost_usd_total', { tenant_id: 'tenant-demo', model_name: 'offline' })).toBe(0);
    expect(page).toMatch(
      /^ventros_router_decisions_total\{agent_name="retention_churn",confidence_bucket="[0-9.]+-[0-9.]+",fallback="false"\} 1/m,
    );
  });

  it('has outbox depth and age, DLQ size, MCP servers up and restarts, pending approvals', () => {
    expect(sample(page, 'ventros_outbox_depth', {})).toBeUndefined(); // no labels: plain line
    expect(page).toMatch(/^ventros_outbox_depth 1$/m);
    expect(page).toMatch(/^ventros_outbox_oldest_pending_age_seconds 60$/m);
    expect(page).toMatch(/^ventros_dlq_size 1$/m);
    expect(sample(page, 'ventros_mcp_server_up', { server: 'retention', state: 'ready' })).toBe(1);
    expect(sample(page, 'ventros_mcp_server_restarts_total', { server: 'retention' })).toBe(0);
    // Registered by the HTTP app from the approvals store (one series per tenant with pending ones).
    expect(page).toContain('# TYPE ventros_approvals_pending gauge');
    expect(page).toMatch(
      /^ventros_http_requests_total\{method="POST",route="\/api\/agents\/message",status="200"\} 1/m,
    );
  });
});

describe('token and cost accounting with a model that reports usage', () => {
  it('counts tokens per model and agent, and estimated cost per tenant', async () => {
    const metrics = createAppMetrics();
    const model = new ScriptedModel(() => ({ text: 'Olá!', usage: { inputTokens: 1000, outputTokens: 200 } }), {
      id: 'anthropic:claude-sonnet-4-6',
    });
    const seeded = await createSeededApp({ model, observer: metrics.agents });
    try {
      await seeded.app.execute({ agent: 'sdr', message: 'Oi', tenantId: 'tenant-acme' });
      const page = await metrics.registry.metrics();
      expect(
        sample(page, 'llm_tokens_used_total', { model_name: 'anthropic:claude-sonnet-4-6', agent_name: 'sdr' }),
      ).toBe(1200);
      const cost = sample(page, 'ventros_llm_cost_usd_total', { tenant_id: 'tenant-acme', agent_name: 'sdr' });
      expect(cost).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6, 9);
      expect(sample(page, 'ventros_llm_tokens_total', { tenant_id: 'tenant-acme', direction: 'output' })).toBe(200);
    } finally {
      await seeded.close();
    }
  }, 60_000);

  it('counts a failed run once, at the agent that failed', async () => {
    const metrics = createAppMetrics();
    const model = new ScriptedModel(() => ({ error: new Error('provider down') }));
    const seeded = await createSeededApp({ model, observer: metrics.agents });
    try {
      await expect(seeded.app.execute({ agent: 'sdr', message: 'Oi', tenantId: 'tenant-demo' })).rejects.toThrow();
      const page = await metrics.registry.metrics();
      const errors = page.split('\n').filter((l) => l.startsWith('agent_errors_total{'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/agent_name="sdr"/);
      expect(page).toMatch(
        /^ventros_model_call_duration_seconds_count\{model_name="[^"]+",agent_name="sdr",outcome="error"\} \d+/m,
      );
    } finally {
      await seeded.close();
    }
  }, 60_000);

  it('buckets router confidence', () => {
    expect([0.2, 0.55, 0.8, 0.95].map(confidenceBucket)).toEqual(['0.0-0.5', '0.5-0.7', '0.7-0.9', '0.9-1.0']);
  });
});

describe('the Grafana dashboard', () => {
  it('queries only metrics the app registers', async () => {
    const { readFileSync } = await import('node:fs');
    const dashboard = JSON.parse(
      readFileSync(new URL('../../../docs/grafana/ventros.json', import.meta.url), 'utf8'),
    ) as {
      panels: Array<{ targets?: Array<{ expr: string }> }>;
    };
    const metrics = createAppMetrics();
    metrics.addSources({
      outbox: { stats: async () => ({ pending: 0, dlq: 0 }) },
      servers: () => [],
    });
    registerApprovalMetrics(metrics.registry, { pendingCounts: async () => new Map() } as unknown as ApprovalService);
    const page = await metrics.registry.metrics();
    const registered = new Set([...page.matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]));
    const queried = dashboard.panels
      .flatMap((p) => p.targets ?? [])
      // Metric names; label names (in `by (...)`) are followed by `,` or `)`.
      .flatMap((t) => [...t.expr.matchAll(/\b((?:agent|llm|tool|ventros)_\w+)\b(?![,)])/g)].map((m) => m[1]))
      .map((name) => name?.replace(/_(bucket|count|sum)$/, ''));
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !registered.has(name))).toEqual([]);
  });
});
