import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppMetrics, createHttpApp } from '../../../src/bridge/index.js';
import { type App, createApp } from '../../../src/cli/create-app.js';
import { parseHostConfig } from '../../../src/host/index.js';
import { SERVER_NAMES } from '../../../src/servers/server-names.js';
import { OtlpReceiver } from '../../shared/telemetry/otlp-receiver.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

/**
 * One trace from the Go CRM's HTTP request to the answer: the request carries `traceparent`, the run's
 * spans continue it, the memory tools run in a real stdio child (`ventros server memory`) that receives
 * the trace context in `_meta` and exports its own spans to the same OTLP receiver.
 */
describe('W3C trace context across HTTP → agent → stdio tool server', () => {
  const receiver = new OtlpReceiver();
  let dataDir: string;
  let app: App;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-trace-'));
    const mcpServers: Record<string, unknown> = Object.fromEntries(
      SERVER_NAMES.map((name) => [name, { builtin: name }]),
    );
    mcpServers.memory = {
      command: process.execPath,
      args: ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'server', 'memory'],
      env: {
        VENTROS_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_SERVICE_NAME: 'ventros-memory-server',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      connect_timeout_ms: 30_000,
    };
    app = await createApp({
      env: { VENTROS_MODEL: 'offline', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
      dataDir,
      seedIfEmpty: true,
      hostConfig: parseHostConfig({ mcpServers }, 'test'),
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await receiver.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps one trace id from the HTTP traceparent through the stdio server to the answer', async () => {
    const http = createHttpApp({
      app,
      metrics: createAppMetrics().http,
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
    });
    const res = await http.request('/api/agents/message', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response: string; tool_calls: Array<{ tool_name?: string; name?: string }> };
    expect(body.response.length).toBeGreaterThan(0);

    // The stdio child exports on its own schedule; the app flushes when it closes.
    await app.close();
    for (let i = 0; i < 100 && !receiver.spans.some((s) => s.name.startsWith('tools/call ')); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }

    const root = receiver.one('invoke_agent auto');
    expect(root.traceId).toBe(TRACE_ID);
    expect(root.parentSpanId).toBe(CALLER_SPAN);
    // Every tool server continues the trace: the stdio child, and the builtins in process.
    const serverSpans = receiver.spans.filter((s) => s.name.startsWith('tools/call '));
    for (const span of serverSpans) {
      expect(span.traceId).toBe(TRACE_ID);
      // Its parent is the agent's execute_tool span of the same call.
      const caller = receiver.spans.find((s) => s.spanId === span.parentSpanId);
      expect(caller?.name).toMatch(new RegExp(`^execute_tool \\w+__${span.attributes['gen_ai.tool.name']}$`));
    }
    const fromChild = serverSpans.filter((s) => s.resource['service.name'] === 'ventros-memory-server');
    expect(fromChild.length).toBeGreaterThan(0);
    // Memory search is a retrieval span with the ids and scores of what it found.
    const search = fromChild.find((s) => s.name === 'tools/call search_memory');
    expect(search?.attributes['openinference.span.kind']).toBe('RETRIEVER');
    expect(Number(search?.attributes['retrieval.documents.count'])).toBeGreaterThan(0);
    expect(String(search?.attributes['retrieval.documents.0.document.id'])).not.toBe('');
    expect(typeof search?.attributes['retrieval.documents.0.document.score']).toBe('number');
    expect(receiver.spans.every((s) => s.traceId === TRACE_ID)).toBe(true);
  }, 120_000);
});
