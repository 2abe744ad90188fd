import { type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetailsOf } from '../../../src/bridge/grpc/error-details.js';
import { GRPC_SERVER_OPTIONS } from '../../../src/bridge/grpc/grpc-server.js';
import type { GrpcBridge } from '../../../src/bridge/index.js';
import { useMockLlm } from '../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { type AgentClient, agentClient, callUnary, startLoopbackBridge } from './agent-client.js';

/**
 * The seed's status table over a real gRPC channel, for the failures that come from the model provider:
 * the real Anthropic SDK talks to the mock LLM server, which is slow, overloaded or refuses the request.
 */
const llm = useMockLlm();
let seeded: SeededApp;
let bridge: GrpcBridge;
let client: AgentClient;

const failure = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as ServiceError | undefined;
  if (!error) throw new Error('the call succeeded');
  return { code: error.code, details: errorDetailsOf(error.metadata) };
};

const execute = (options: Record<string, unknown> = {}) =>
  callUnary(client, 'ExecuteAgent', {
    agent_type: 'support_technical',
    contact_id: 'contact-carlos',
    message: 'O sistema não abre desde ontem',
    options,
  });

beforeAll(async () => {
  seeded = await createSeededApp({ model: llm.models.anthropic });
  bridge = await startLoopbackBridge(seeded.app);
  client = agentClient(bridge.port);
}, 60_000);

afterAll(async () => {
  client?.close();
  await bridge?.close();
  await seeded?.close();
});

describe('AgentService status table (seed 001 §5)', () => {
  it('answers DEADLINE_EXCEEDED with ErrorDetails when the run outlives timeout_ms', async () => {
    llm.mock.enqueue({ text: 'too late', delayMs: 5_000 });
    const { code, details } = await failure(execute({ timeout_ms: 300 }));
    expect(code).toBe(status.DEADLINE_EXCEEDED);
    expect(details?.code).toBe('DEADLINE_EXCEEDED');
  });

  it('answers UNAVAILABLE when the model provider stays overloaded past its retries', async () => {
    llm.mock.setHandler(() => ({ status: 529, errorMessage: 'Overloaded' }));
    const { code, details } = await failure(execute());
    expect(code).toBe(status.UNAVAILABLE);
    expect(details?.code).toBe('UNAVAILABLE');
    // Retried (bounded), not given up on the first answer.
    expect(llm.mock.requests.filter((r) => r.kind === 'chat').length).toBeGreaterThan(1);
  });

  it('answers INTERNAL, naming the provider, when the provider rejects what we sent', async () => {
    llm.mock.setHandler(() => ({ status: 400, errorMessage: 'messages.0: secret-looking provider detail' }));
    const { code, details } = await failure(execute());
    expect(code).toBe(status.INTERNAL);
    expect(details?.code).toBe('INTERNAL');
    expect(details?.metadata).toMatchObject({ provider: 'anthropic', status: '400' });
    // A bad request is our bug: it is not retried.
    expect(llm.mock.requests.filter((r) => r.kind === 'chat')).toHaveLength(1);
  });

  it('describes an agent with its input and output fields and examples (GetAgentCapabilities)', async () => {
    const caps = await callUnary(client, 'GetAgentCapabilities', { agent_type: 'retention_churn' });
    expect(caps['agent']).toMatchObject({ type: 'retention_churn', category: 'RETENTION' });
    const schema = caps['schema'] as {
      input_fields: Array<{ name: string; required: boolean }>;
      output_fields: Array<{ name: string }>;
    };
    expect(schema.input_fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'message', required: true })]),
    );
    expect(schema.output_fields.map((f) => f.name)).toEqual(expect.arrayContaining(['response']));
    const examples = caps['examples'] as unknown[];
    expect(examples.length).toBeGreaterThan(0);
  });

  it('keeps the spec keepalive: a 10 s ping with a 3 s timeout', () => {
    expect(GRPC_SERVER_OPTIONS).toMatchObject({
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 3_000,
    });
  });
});
