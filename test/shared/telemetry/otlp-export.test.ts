import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentTool,
  functionTool,
  LlmAgent,
  ParallelAgent,
  Runner,
  SequentialAgent,
  setTracer,
} from '../../../src/agents/runtime/index.js';
import { getTracer, withSpan } from '../../../src/agents/runtime/tracing.js';
import { InMemorySessionStore } from '../../../src/agents/sessions/index.js';
import { InvalidInputError } from '../../../src/shared/index.js';
import { startTelemetry } from '../../../src/shared/telemetry/index.js';
import type { Telemetry } from '../../../src/shared/telemetry/start-telemetry.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { OtlpReceiver } from './otlp-receiver.js';

const TENANT = 'tenant-otel';
// Text that must never reach the collector: the customer's message, tool arguments, tool results.
const MESSAGE = 'my card number is SECRET-MESSAGE-4111';
const REQUEST = 'SECRET-REQUEST-for-sales';
const ARGUMENT = 'SECRET-ARGUMENT-42';
const RESULT = 'SECRET-RESULT-order-shipped';

/** coordinator → (sales via agentTool → lookup_order) + a tool that throws, all in one run. */
function buildAgents() {
  const lookup = functionTool({
    name: 'lookup_order',
    description: 'Finds an order',
    parameters: z.object({ order: z.string() }),
    execute: async () => RESULT,
  });
  const broken = functionTool({
    name: 'broken_tool',
    description: 'Always fails',
    parameters: z.object({ order: z.string() }),
    execute: async () => {
      throw new Error('the billing backend is down');
    },
  });
  const sales = new LlmAgent({
    name: 'sales',
    description: 'Sales specialist',
    instruction: 'Sell.',
    model: new ScriptedModel([{ toolCalls: [{ name: 'lookup_order', args: { order: ARGUMENT } }] }, 'It shipped.'], {
      id: 'scripted-sales',
    }),
    tools: [lookup],
  });
  const coordinator = new LlmAgent({
    name: 'coordinator',
    description: 'Routes',
    instruction: 'Route.',
    model: new ScriptedModel(
      [
        {
          toolCalls: [
            { name: 'sales', args: { request: REQUEST } },
            { name: 'broken_tool', args: { order: ARGUMENT } },
          ],
          usage: { inputTokens: 100, outputTokens: 20 },
        },
        'Your order shipped.',
      ],
      { id: 'scripted-coordinator' },
    ),
    tools: [agentTool(sales), broken],
  });
  return coordinator;
}

describe('OpenTelemetry export of runs', () => {
  const receiver = new OtlpReceiver();
  let endpoint = '';
  let telemetry: Telemetry | undefined;

  beforeEach(async () => {
    receiver.status = 200;
    receiver.spans.length = 0;
    receiver.bodies.length = 0;
    receiver.paths.length = 0;
    receiver.contentTypes.length = 0;
    endpoint = await receiver.start();
  });

  afterEach(async () => {
    setTracer(undefined);
    await telemetry?.shutdown();
    telemetry = undefined;
    await receiver.close();
  });

  it('exports a run as nested spans: agent → model and tool calls → sub-agent, with ids, tokens and errors', async () => {
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/` });
    expect(telemetry?.url).toBe(`${endpoint}/v1/traces`);
    setTracer(telemetry?.tracer);
    const runner = new Runner({ sessions: new InMemorySessionStore() });
    const result = await runner.execute(buildAgents(), { message: MESSAGE, tenantId: TENANT, sessionId: 's-1' });
    expect(result.text).toBe('Your order shipped.');
    await telemetry?.shutdown();

    expect(receiver.paths.every((p) => p === '/v1/traces')).toBe(true);
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    const names = receiver.spans.map((s) => s.name).sort();
    expect(names).toEqual([
      'chat scripted-coordinator',
      'chat scripted-coordinator',
      'chat scripted-sales',
      'chat scripted-sales',
      'execute_tool broken_tool',
      'execute_tool lookup_order',
      'execute_tool sales',
      'invoke_agent coordinator',
      'invoke_agent sales',
    ]);

    const root = receiver.one('invoke_agent', ['agent.name', 'coordinator']);
    expect(root.parentSpanId).toBeUndefined();
    expect(root.resource['service.name']).toBe('ventros-agent-host');
    expect(root.attributes).toMatchObject({
      'tenant.id': TENANT,
      'session.id': 's-1',
      'run.id': result.runId,
      'agent.depth': 0,
      // Both agents' model calls: coordinator 100+10 in, 20+5 out; sales (agent tool) 10+10 in, 5+5 out.
      'gen_ai.usage.input_tokens': 130,
      'gen_ai.usage.output_tokens': 35,
    });
    expect(root.status.code).toBe(0);
    expect(receiver.spans.every((s) => s.traceId === root.traceId)).toBe(true);

    const coordinatorModel = receiver.children(root, 'chat');
    expect(coordinatorModel).toHaveLength(2);
    expect(coordinatorModel[0]?.attributes).toMatchObject({
      'agent.name': 'coordinator',
      'model.id': 'scripted-coordinator',
      'model.provider': 'offline',
      'tenant.id': TENANT,
    });
    expect(coordinatorModel.map((s) => s.attributes['gen_ai.usage.input_tokens']).sort()).toEqual([10, 100]);

    const salesCall = receiver.one('execute_tool', ['tool.name', 'sales']);
    expect(salesCall.parentSpanId).toBe(root.spanId);
    expect(salesCall.attributes).toMatchObject({ 'agent.name': 'coordinator', 'tool.is_error': false });
    expect(salesCall.status.code).toBe(0);

    const salesRun = receiver.one('invoke_agent', ['agent.name', 'sales']);
    expect(salesRun.parentSpanId).toBe(salesCall.spanId);
    expect(salesRun.attributes['agent.depth']).toBe(1);
    expect(receiver.children(salesRun, 'chat').map((s) => s.attributes['model.id'])).toEqual([
      'scripted-sales',
      'scripted-sales',
    ]);
    const lookup = receiver.one('execute_tool', ['tool.name', 'lookup_order']);
    expect(lookup.parentSpanId).toBe(salesRun.spanId);
    expect(lookup.attributes).toMatchObject({ 'agent.name': 'sales', 'tenant.id': TENANT, 'tool.is_error': false });

    const broken = receiver.one('execute_tool', ['tool.name', 'broken_tool']);
    expect(broken.parentSpanId).toBe(root.spanId);
    expect(broken.attributes['tool.is_error']).toBe(true);
    expect(broken.attributes['error.type']).toBe('Error');
    expect(broken.status).toEqual({ code: 2, message: 'the billing backend is down' });
    expect(broken.events.map((e) => e.name)).toEqual(['exception']);
    expect(broken.events[0]?.attributes['exception.message']).toBe('the billing backend is down');

    for (const span of receiver.spans) expect(span.attributes.duration_ms).toBeGreaterThanOrEqual(0);
    const everything = receiver.bodies.join('\n');
    for (const secret of [MESSAGE, REQUEST, ARGUMENT, RESULT]) expect(everything).not.toContain(secret);
  });

  it('nests workflow branches and handoffs under the agent that started them', async () => {
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    setTracer(telemetry?.tracer);
    const llm = (name: string, script: ConstructorParameters<typeof ScriptedModel>[0], subAgents?: LlmAgent[]) =>
      new LlmAgent({ name, description: name, instruction: 'i', model: new ScriptedModel(script), subAgents });
    const pipeline = new SequentialAgent({
      name: 'pipeline',
      description: 'd',
      subAgents: [
        new ParallelAgent({ name: 'fanout', description: 'd', subAgents: [llm('a', ['A.']), llm('b', ['B.'])] }),
        llm(
          'front',
          [{ toolCalls: [{ name: 'transfer_to_billing', args: { reason: 'billing' } }] }],
          [llm('billing', ['Paid.'])],
        ),
      ],
    });
    await new Runner({ sessions: new InMemorySessionStore() }).execute(pipeline, {
      message: MESSAGE,
      tenantId: TENANT,
    });
    await telemetry?.shutdown();

    const run = (name: string) => receiver.one('invoke_agent', ['agent.name', name]);
    expect(run('pipeline').parentSpanId).toBeUndefined();
    expect(run('fanout').parentSpanId).toBe(run('pipeline').spanId);
    expect(run('a').parentSpanId).toBe(run('fanout').spanId);
    expect(run('b').parentSpanId).toBe(run('fanout').spanId);
    expect(run('front').parentSpanId).toBe(run('pipeline').spanId);
    expect(run('front').attributes['agent.transfer_to']).toBe('billing');
    expect(run('billing').parentSpanId).toBe(run('front').spanId);
    for (const name of ['a', 'b', 'front', 'billing']) {
      expect(receiver.children(run(name), 'chat')).toHaveLength(1);
    }
    expect(receiver.one('execute_tool', ['tool.name', 'transfer_to_billing']).parentSpanId).toBe(run('front').spanId);
    expect(receiver.spans).toHaveLength(11); // 6 agent runs, 4 model calls, the transfer tool call
  });

  it('marks a tool that returns an error result as failed without exporting the result text', async () => {
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    setTracer(telemetry?.tracer);
    const refusing = functionTool({
      name: 'refuse',
      description: 'Refuses',
      parameters: z.object({}),
      execute: async () => ({ content: RESULT, isError: true }),
    });
    const agent = new LlmAgent({
      name: 'solo',
      description: 'd',
      instruction: 'i',
      model: new ScriptedModel([{ toolCalls: [{ name: 'refuse' }] }, 'Sorry.']),
      tools: [refusing],
      stream: false,
    });
    await new Runner({ sessions: new InMemorySessionStore() }).execute(agent, { message: MESSAGE, tenantId: TENANT });
    await telemetry?.shutdown();

    const call = receiver.one('execute_tool', ['tool.name', 'refuse']);
    expect(call.attributes['tool.is_error']).toBe(true);
    expect(call.status.code).toBe(2);
    expect(receiver.bodies.join('\n')).not.toContain(RESULT);
  });

  it('honours OTEL_SERVICE_NAME and a full OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', async () => {
    telemetry = startTelemetry({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/custom/traces`,
      OTEL_SERVICE_NAME: 'crm-agents-eu',
    });
    setTracer(telemetry?.tracer);
    const inner = await withSpan('outer', { step: 1 }, (outer) => withSpan('inner', {}, () => 'ok', outer));
    expect(inner).toBe('ok');
    await telemetry?.shutdown();

    expect(receiver.paths).toEqual(['/custom/traces']);
    const outer = receiver.one('outer');
    expect(outer.resource['service.name']).toBe('crm-agents-eu');
    expect(outer.attributes.step).toBe(1);
    expect(receiver.one('inner').parentSpanId).toBe(outer.spanId);
  });

  it("reads the seed's Phoenix names: PHOENIX_COLLECTOR_ENDPOINT as the endpoint, PHOENIX_PROJECT_NAME as the project", async () => {
    telemetry = startTelemetry({ PHOENIX_COLLECTOR_ENDPOINT: `${endpoint}/`, PHOENIX_PROJECT_NAME: 'crm-agents' });
    setTracer(telemetry?.tracer);
    await withSpan('phoenix', {}, () => 'ok');
    await telemetry?.shutdown();

    expect(receiver.paths).toEqual(['/v1/traces']);
    expect(receiver.one('phoenix').resource).toMatchObject({
      'openinference.project.name': 'crm-agents',
      'service.name': 'ventros-agent-host',
    });
  });

  it('reports a collector that rejects spans and never fails the run', async () => {
    receiver.status = 400;
    const failures: Array<{ error: Error; spans: number }> = [];
    telemetry = startTelemetry(
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      { onExportError: (error, details) => failures.push({ error, spans: details.spans }) },
    );
    setTracer(telemetry?.tracer);
    const agent = new LlmAgent({ name: 'solo', description: 'd', instruction: 'i', model: new ScriptedModel(['Hi.']) });
    const result = await new Runner({ sessions: new InMemorySessionStore() }).execute(agent, {
      message: 'hello',
      tenantId: TENANT,
    });
    expect(result.text).toBe('Hi.');
    await expect(telemetry?.shutdown()).resolves.toBeUndefined();
    expect(receiver.bodies.length).toBeGreaterThan(0);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.spans).toBe(2);
  });

  it('shuts down within its deadline when the collector is unreachable', async () => {
    await receiver.close(); // nothing listens on the port any more
    const failures: Error[] = [];
    telemetry = startTelemetry(
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_TIMEOUT: '500' },
      { onExportError: (error) => failures.push(error), shutdownTimeoutMs: 3000 },
    );
    setTracer(telemetry?.tracer);
    await withSpan('lonely', {}, () => undefined);
    await expect(telemetry?.shutdown()).resolves.toBeUndefined();
    expect(failures.length).toBeGreaterThan(0);
  });
});

describe('startTelemetry without an endpoint', () => {
  it('installs nothing when OTEL_EXPORTER_OTLP_ENDPOINT is unset, blank, or the SDK is disabled', () => {
    expect(startTelemetry({})).toBeUndefined();
    expect(startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', OTEL_SERVICE_NAME: 'x' })).toBeUndefined();
    expect(
      startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    // The runtime keeps its no-op tracer: spans cost nothing and go nowhere.
    expect(getTracer().startSpan('x')).toBe(getTracer().startSpan('y'));
  });

  it('rejects a malformed endpoint with a typed error naming the variable', () => {
    expect(() => startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' })).toThrow(InvalidInputError);
    expect(() => startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() =>
      startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_BSP_MAX_QUEUE_SIZE: '-1' }),
    ).toThrow(/OTEL_BSP_MAX_QUEUE_SIZE/);
  });
});
