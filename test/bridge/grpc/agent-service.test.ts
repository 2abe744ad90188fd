import { credentials, type Client as GrpcClient, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcBridge, parseApiTokens, startGrpcBridge } from '../../../src/bridge/index.js';
import { loadProto, serviceConstructor } from '../../../src/shared/grpc/proto-loader.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

type Unary = (
  request: unknown,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: unknown) => void,
) => void;
type AgentClient = GrpcClient &
  Record<string, Unary> & {
    StreamAgentExecution(request: unknown, metadata?: Metadata): NodeJS.ReadableStream;
  };

let seeded: SeededApp;
let bridge: GrpcBridge;
let client: AgentClient;
let authedBridge: GrpcBridge;
let authedClient: AgentClient;

const call = (c: AgentClient, method: string, request: unknown, metadata = new Metadata()) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    c[method]!.call(c, request, metadata, (error, response) =>
      error ? reject(error) : resolve(response as Record<string, unknown>),
    );
  });

beforeAll(async () => {
  seeded = await createSeededApp();
  const common = { app: seeded.app, port: 0, host: '127.0.0.1', defaultTenantId: 'tenant-demo' };
  bridge = await startGrpcBridge({ ...common, apiTokens: new Map() });
  authedBridge = await startGrpcBridge({
    ...common,
    apiTokens: parseApiTokens('secret-acme:tenant-acme,staff-demo:tenant-demo:staff,crm-demo:tenant-demo:customer'),
  });
  const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
  client = new AgentService(`127.0.0.1:${bridge.port}`, credentials.createInsecure()) as unknown as AgentClient;
  authedClient = new AgentService(
    `127.0.0.1:${authedBridge.port}`,
    credentials.createInsecure(),
  ) as unknown as AgentClient;
});

afterAll(async () => {
  client?.close();
  authedClient?.close();
  await bridge?.close();
  await authedBridge?.close();
  await seeded?.close();
});

describe('gRPC AgentService', () => {
  it('lists agents and templates, and describes one agent', async () => {
    const list = await call(client, 'ListAvailableAgents', {});
    expect(list['total_count']).toBeGreaterThanOrEqual(20);
    expect(list['agents']).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'retention_churn', category: 'RETENTION' })]),
    );

    const templates = await call(client, 'ListAgentTemplates', { category: 'sales' });
    const ids = (templates['templates'] as Array<{ template_id: string }>).map((t) => t.template_id);
    expect(ids).toEqual(expect.arrayContaining(['sales_prospecting', 'sdr']));
    expect(ids).not.toContain('retention_churn');

    const template = await call(client, 'GetAgentTemplate', { template_id: 'retention_churn' });
    expect(template).toMatchObject({
      template_id: 'retention_churn',
      category: 'RETENTION',
      knowledge_scope: expect.any(Object),
    });

    const caps = await call(client, 'GetAgentCapabilities', { agent_type: 'sdr' });
    expect(caps['agent']).toMatchObject({ type: 'sdr' });
  });

  it('executes an agent and answers with the ExecuteAgentResponse fields', async () => {
    const response = await call(client, 'ExecuteAgent', {
      agent_type: 'auto',
      contact_id: 'contact-carlos',
      message: 'Quero cancelar, está muito caro',
    });
    expect(response).toMatchObject({
      agent_used: 'retention_churn',
      metadata: expect.objectContaining({ tenant_id: 'tenant-demo' }),
    });
    expect(String(response['response']).length).toBeGreaterThan(10);
    const tools = (response['tool_calls'] as Array<{ tool_name: string; input: Record<string, string> }>).map(
      (t) => t.tool_name,
    );
    expect(tools).toContain('search_memory');
  });

  it('answers bad requests with INVALID_ARGUMENT and unknown agents with NOT_FOUND', async () => {
    await expect(call(client, 'ExecuteAgent', { agent_type: 'sdr', message: '' })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    await expect(
      call(client, 'ExecuteAgent', { agent_type: 'sdr', message: 'oi', options: { timeout_ms: 999_999 } }),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    await expect(call(client, 'ExecuteAgent', { agent_type: 'nope', message: 'oi' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(call(client, 'GetAgentTemplate', { template_id: 'nope' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
  });

  it('streams chunks ending with FINAL', async () => {
    const stream = client.StreamAgentExecution({
      agent_type: 'retention_churn',
      contact_id: 'contact-carlos',
      message: 'Vou cancelar, muito caro',
    });
    const chunks: Array<{ type: string; content: string }> = [];
    for await (const chunk of stream as AsyncIterable<{ type: string; content: string }>) chunks.push(chunk);
    const types = chunks.map((c) => c.type);
    expect(types).toContain('TOOL_CALL');
    expect(types).toContain('TOOL_RESULT');
    expect(types.at(-1)).toBe('FINAL');
    expect(chunks.at(-1)?.content.length).toBeGreaterThan(10);
  });

  it('requires a bearer token when tokens are configured and takes the tenant from it', async () => {
    await expect(call(authedClient, 'ExecuteAgent', { agent_type: 'sdr', message: 'oi' })).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer secret-acme');
    const response = await call(
      authedClient,
      'ExecuteAgent',
      { agent_type: 'auto', message: 'What plans do you have?', tenant_id: 'tenant-demo' },
      metadata,
    );
    expect(response['metadata']).toMatchObject({ tenant_id: 'tenant-acme' });
  });

  it('runs calls as the customer unless a staff token calls: internal agents are PERMISSION_DENIED', async () => {
    const request = { agent_type: 'bi_manager', message: 'quantos leads este mês?' };
    const as = (token: string) => {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      return metadata;
    };
    await expect(call(client, 'ExecuteAgent', request)).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    await expect(call(authedClient, 'ExecuteAgent', request, as('crm-demo'))).rejects.toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    const stream = authedClient.StreamAgentExecution(request, as('crm-demo'));
    const streamError = await new Promise<ServiceError>((resolve) => {
      stream.on('error', (error: ServiceError) => resolve(error));
      stream.on('data', () => {});
    });
    expect(streamError.code).toBe(status.PERMISSION_DENIED);
    const staff = await call(authedClient, 'ExecuteAgent', request, as('staff-demo'));
    expect(staff['agent_used']).toBe('bi_manager');
    // `auto` for a customer never lands on an internal agent.
    const routed = await call(authedClient, 'ExecuteAgent', { ...request, agent_type: 'auto' }, as('crm-demo'));
    expect(['bi_manager', 'agent_analyzer']).not.toContain(routed['agent_used']);
  });

  it('serves grpc.health.v1', async () => {
    const proto = loadProto('agent.proto'); // ensures our loader works alongside the health service
    expect(proto).toBeDefined();
    const { service: healthService } = await import('grpc-health-check');
    const { makeGenericClientConstructor } = await import('@grpc/grpc-js');
    const Health = makeGenericClientConstructor(healthService as never, 'Health');
    const health = new Health(`127.0.0.1:${bridge.port}`, credentials.createInsecure()) as unknown as AgentClient;
    try {
      const answer = await call(health, 'check', { service: 'ventros.agents.AgentService' });
      expect(answer).toMatchObject({ status: 'SERVING' });
    } finally {
      health.close();
    }
  });
});
