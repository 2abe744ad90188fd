import { type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcBridge } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { type AgentClient, agentClient, callUnary, startLoopbackBridge } from './agent-client.js';

let seeded: SeededApp;
let bridge: GrpcBridge;
let client: AgentClient;

beforeAll(async () => {
  seeded = await createSeededApp();
  bridge = await startLoopbackBridge(seeded.app);
  client = agentClient(bridge.port);
}, 60_000);

afterAll(async () => {
  client?.close();
  await bridge?.close();
  await seeded?.close();
});

type BatchAnswer = {
  responses: Array<{ agent_used?: string; response?: string }>;
  errors: Array<{ index: number; details: { code: string; message: string } }>;
};

describe('AgentService.ExecuteAgentBatch (seed 001 §5.4)', () => {
  it('answers every item in order, each as ExecuteAgent would, and reports failed items without failing the batch', async () => {
    const answer = (await callUnary(client, 'ExecuteAgentBatch', {
      requests: [
        { agent_type: 'auto', contact_id: 'contact-carlos', message: 'Quero cancelar, está muito caro' },
        { agent_type: 'no_such_agent', message: 'oi' },
        { agent_type: 'bi_manager', message: 'quantos leads hoje?' },
        { agent_type: 'support_billing', contact_id: 'contact-carlos', message: 'Preciso da segunda via do boleto' },
      ],
      max_parallel: 2,
    })) as unknown as BatchAnswer;
    expect(answer.responses).toHaveLength(4);
    expect(answer.responses[0]?.agent_used).toBe('retention_churn');
    expect(answer.responses[3]?.agent_used).toBe('support_billing');
    expect(String(answer.responses[3]?.response).length).toBeGreaterThan(10);
    expect(answer.errors.map((e) => [e.index, e.details.code])).toEqual([
      [1, 'AGENT_NOT_FOUND'],
      // A customer call (no staff token) never reaches an internal agent, in a batch either.
      [2, 'PERMISSION_DENIED'],
    ]);
    expect(answer.responses[1]).toMatchObject({ response: '' });
  });

  it('refuses an empty batch, one above 50 items, and max_parallel above 16 with INVALID_ARGUMENT', async () => {
    const one = { agent_type: 'auto', message: 'oi' };
    for (const request of [
      { requests: [] },
      { requests: Array.from({ length: 51 }, () => one) },
      { requests: [one], max_parallel: 99 },
    ]) {
      const error = (await callUnary(client, 'ExecuteAgentBatch', request).catch((e: unknown) => e)) as ServiceError;
      expect(error.code).toBe(status.INVALID_ARGUMENT);
    }
  });
});
