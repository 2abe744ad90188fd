import { type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetailsOf } from '../../../src/bridge/grpc/error-details.js';
import type { GrpcBridge } from '../../../src/bridge/index.js';
import { type FakeGoCrm, startFakeGoCrm } from '../../support/fake-go-crm/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { type AgentClient, agentClient, callUnary, startLoopbackBridge } from './agent-client.js';

let crm: FakeGoCrm;
let seeded: SeededApp;
let model: ScriptedModel;
let bridge: GrpcBridge;
let client: AgentClient;

const ANA = {
  agent_id: 'agent-ana',
  tenant_id: 'tenant-demo',
  name: 'Ana — retenção',
  template_id: 'retention_churn',
  custom_instructions: 'Sempre ofereça primeiro o plano anual com 2 meses grátis.',
  temperature: 0.3,
  max_tokens: 400,
  knowledge_scope_json: '{"include_campaigns": true}',
  memory_strategy: '',
  skills: ['search_memory'],
  active: true,
  updated_at_unix: 1764800000,
};

const call = (method: string, request: unknown) => callUnary(client, method, request);

beforeAll(async () => {
  crm = await startFakeGoCrm({
    agents: [
      ANA,
      { ...ANA, agent_id: 'agent-off', name: 'Desligado', active: false },
      { ...ANA, agent_id: 'agent-acme', tenant_id: 'tenant-acme' },
    ],
  });
  model = new ScriptedModel(['Oi! Temos o plano anual com 2 meses grátis.', 'De novo.']);
  seeded = await createSeededApp({ model, env: { AGENT_REGISTRY_GRPC_HOST: crm.target } });
  bridge = await startLoopbackBridge(seeded.app);
  client = agentClient(bridge.port);
}, 60_000);

afterAll(async () => {
  client?.close();
  await bridge?.close();
  await seeded?.close();
  await crm?.close();
});

describe('agents the Go CRM defined (agent_id)', () => {
  it('runs the template with the CRM instructions, sampling and skills, fetching the record once', async () => {
    const first = await call('ExecuteAgent', {
      agent_id: 'agent-ana',
      contact_id: 'contact-carlos',
      message: 'Quero cancelar',
    });
    expect(first).toMatchObject({ agent_used: 'retention_churn' });
    const request = model.requests[0];
    expect(request?.system).toContain('Sempre ofereça primeiro o plano anual');
    expect(request).toMatchObject({ temperature: 0.3, maxTokens: 400 });
    expect((request?.tools ?? []).map((t) => t.name).filter((n) => n.includes('__'))).toEqual([
      'memory__search_memory',
    ]);

    await call('ExecuteAgent', { agent_id: 'agent-ana', contact_id: 'contact-carlos', message: 'Oi de novo' });
    expect(crm.calls.filter((c) => c.method === 'GetAgent')).toHaveLength(1); // cached
    expect(crm.calls.find((c) => c.method === 'GetAgent')?.request).toMatchObject({ tenant_id: 'tenant-demo' });
  });

  it('answers NOT_FOUND for an unknown or another tenant’s agent, FAILED_PRECONDITION for an inactive one', async () => {
    for (const agentId of ['agent-nope', 'agent-acme']) {
      const error = (await call('ExecuteAgent', { agent_id: agentId, message: 'oi' }).catch(
        (e: unknown) => e,
      )) as ServiceError;
      expect(error.code).toBe(status.NOT_FOUND);
      expect(errorDetailsOf(error.metadata)?.metadata).toMatchObject({ agent_id: agentId });
    }
    const inactive = (await call('ExecuteAgent', { agent_id: 'agent-off', message: 'oi' }).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(inactive.code).toBe(status.FAILED_PRECONDITION);
  });
});
