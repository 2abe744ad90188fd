import { type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetailsOf } from '../../../src/bridge/grpc/error-details.js';
import type { GrpcBridge } from '../../../src/bridge/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { type AgentClient, agentClient, callUnary, startLoopbackBridge } from './agent-client.js';

let seeded: SeededApp;
let model: ScriptedModel;
let bridge: GrpcBridge;
let client: AgentClient;
let gzipClient: AgentClient;

const call = callUnary;

const failure = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as ServiceError | undefined;
  if (!error) throw new Error('the call succeeded');
  return { code: error.code, details: errorDetailsOf(error.metadata) };
};

beforeAll(async () => {
  model = new ScriptedModel([
    // The allow-list hides the offer tool; a model that calls it anyway reads a refusal.
    { toolCalls: [{ name: 'retention__create_retention_offer', args: { discount_percent: 10, reason: 'x' } }] },
    'Ok.',
    'Second answer.',
  ]);
  seeded = await createSeededApp({ model });
  bridge = await startLoopbackBridge(seeded.app);
  client = agentClient(bridge.port);
  gzipClient = agentClient(bridge.port, { 'grpc.default_compression_algorithm': 2 });
}, 60_000);

afterAll(async () => {
  client?.close();
  gzipClient?.close();
  await bridge?.close();
  await seeded?.close();
});

describe('AgentService ExecutionOptions and errors (the spec)', () => {
  it('honours max_tokens, temperature and the tools allow-list, also when the model calls a hidden tool', async () => {
    const response = await call(gzipClient, 'ExecuteAgent', {
      agent_type: 'retention_churn',
      contact_id: 'contact-carlos',
      message: 'Quero cancelar',
      options: { max_tokens: 256, temperature: 0.2, tools: ['search_memory'] },
    });
    expect(response['response']).toBe('Ok.');
    const first = model.requests[0];
    expect(first).toMatchObject({ maxTokens: 256, temperature: 0.2 });
    const crmTools = (first?.tools ?? []).map((t) => t.name).filter((n) => n.includes('__'));
    expect(crmTools).toEqual(['memory__search_memory']);
    const refused = (response['tool_calls'] as Array<{ tool_name: string; output: string }>).find((c) =>
      c.tool_name.endsWith('create_retention_offer'),
    );
    expect(refused?.output).toContain('not among the tools the caller allowed');
  });

  it('reports the average latency of real runs in AgentInfo', async () => {
    await call(client, 'ExecuteAgent', { agent_type: 'support_technical', message: 'O app não abre' });
    const { agents } = (await call(client, 'ListAvailableAgents', {})) as {
      agents: Array<{ type: string; avg_latency_ms: number }>;
    };
    expect(agents.find((a) => a.type === 'support_technical')?.avg_latency_ms).toBeGreaterThan(0);
    expect(agents.find((a) => a.type === 'bi_manager')?.avg_latency_ms).toBe(0);
  });

  it('answers INVALID_ARGUMENT with ErrorDetails for a timeout above 60 s and for stream_response on a unary call', async () => {
    const timeout = await failure(
      call(client, 'ExecuteAgent', { agent_type: 'auto', message: 'oi', options: { timeout_ms: 60_001 } }),
    );
    expect(timeout.code).toBe(status.INVALID_ARGUMENT);
    expect(timeout.details).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(timeout.details?.message).toContain('timeoutMs');

    const streamed = await failure(
      call(client, 'ExecuteAgent', { agent_type: 'auto', message: 'oi', options: { stream_response: true } }),
    );
    expect(streamed.code).toBe(status.INVALID_ARGUMENT);
    expect(streamed.details?.suggestions).toEqual(['call StreamAgentExecution with the same request']);
  });

  it('answers NOT_FOUND with the code, the agent and suggestions for an unknown agent', async () => {
    const unknown = await failure(call(client, 'ExecuteAgent', { agent_type: 'retention_xyz', message: 'oi' }));
    expect(unknown.code).toBe(status.NOT_FOUND);
    expect(unknown.details).toMatchObject({ code: 'AGENT_NOT_FOUND', metadata: { agent_type: 'retention_xyz' } });
    expect(unknown.details?.suggestions).toEqual(expect.arrayContaining(['Try retention_churn']));
  });

  it('answers INVALID_ARGUMENT, not INTERNAL, for bytes that are not the message', async () => {
    // Wire type 7 does not exist: no decoder makes a message of these.
    const garbage = Buffer.from([0xff, 0xff, 0xff]);
    const raw = await failure(
      new Promise((resolve, reject) => {
        client.makeUnaryRequest(
          '/ventros.agents.AgentService/ExecuteAgent',
          (bytes: Buffer) => bytes,
          (bytes: Buffer) => bytes,
          garbage,
          (error, value) => (error ? reject(error) : resolve(value)),
        );
      }),
    );
    expect(raw.code).toBe(status.INVALID_ARGUMENT);
    expect(raw.details?.code).toBe('INVALID_ARGUMENT');
  });

  it('takes messages above the old 4 MB limit to the application, which judges them', async () => {
    const big = await failure(
      call(client, 'ExecuteAgent', { agent_type: 'auto', message: 'x'.repeat(5 * 1024 * 1024) }),
    );
    expect(big.code).toBe(status.INVALID_ARGUMENT); // too long a message, not RESOURCE_EXHAUSTED on the wire
  });
});
