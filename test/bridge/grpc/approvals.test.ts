import { credentials, type Client as GrpcClient, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcBridge, parseApiTokens, startGrpcBridge } from '../../../src/bridge/index.js';
import { serviceConstructor } from '../../../src/shared/grpc/proto-loader.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

type Unary = (
  request: unknown,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: unknown) => void,
) => void;
type AgentClient = GrpcClient & Record<string, Unary>;

const as = (token: string) => {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

/*
 * ListApprovals / GetApproval / DecideApproval on AgentService (offline model: a severity 9 escalation
 * waits): staff only, tenant-scoped, and a second decision is FAILED_PRECONDITION.
 */
describe('gRPC approvals', () => {
  let seeded: SeededApp;
  let bridge: GrpcBridge;
  let client: AgentClient;
  const call = (method: string, request: unknown, metadata: Metadata) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      client[method]?.call(client, request, metadata, (error, response) =>
        error ? reject(error) : resolve(response as Record<string, unknown>),
      );
    });

  beforeAll(async () => {
    seeded = await createSeededApp();
    bridge = await startGrpcBridge({
      app: seeded.app,
      port: 0,
      host: '127.0.0.1',
      defaultTenantId: 'tenant-demo',
      apiTokens: parseApiTokens(
        'staff-acme:tenant-acme:staff,staff-demo:tenant-demo:staff,crm-demo:tenant-demo:customer',
      ),
    });
    const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
    client = new AgentService(`127.0.0.1:${bridge.port}`, credentials.createInsecure()) as unknown as AgentClient;
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await bridge?.close();
    await seeded?.close();
  });

  it('lists, gets and decides once, for staff of the same tenant', async () => {
    const paused = await call(
      'ExecuteAgent',
      {
        agent_type: 'retention_churn',
        message: 'Isso é um absurdo, vou no Procon e quero cancelar',
        contact_id: 'contact-vanessa',
      },
      as('staff-demo'),
    );
    expect(paused['status']).toBe('awaiting_approval');
    const approval = paused['approval'] as { id: string; tool: string; arguments_json: string };
    expect(approval.tool).toMatch(/escalate_to_supervisor$/);
    expect(JSON.parse(approval.arguments_json)).toMatchObject({ severity: expect.any(Number) });

    const list = await call('ListApprovals', { status: 'pending' }, as('staff-demo'));
    expect((list['approvals'] as Array<{ id: string }>).map((a) => a.id)).toContain(approval.id);
    await expect(call('GetApproval', { approval_id: approval.id }, as('staff-acme'))).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(call('GetApproval', { approval_id: approval.id }, as('crm-demo'))).rejects.toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    await expect(
      call('DecideApproval', { approval_id: approval.id, decision: 'maybe' }, as('staff-demo')),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });

    const decided = await call(
      'DecideApproval',
      { approval_id: approval.id, decision: 'approve', note: 'ok', timeout_ms: 60_000 },
      as('staff-demo'),
    );
    expect(decided['finished']).toBe(true);
    expect(decided['approval']).toMatchObject({ status: 'approved', note: 'ok', decided_by: 'grpc' });
    expect(decided['result']).toMatchObject({ status: 'completed' });
    await expect(
      call('DecideApproval', { approval_id: approval.id, decision: 'reject' }, as('staff-demo')),
    ).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
  }, 120_000);
});
