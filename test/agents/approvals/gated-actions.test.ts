import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/agents/application/index.js';
import { ApprovalConflictError } from '../../../src/agents/errors.js';
import { builtinHostConfig, createApp } from '../../../src/cli/create-app.js';
import { NotFoundError } from '../../../src/shared/index.js';
import { createTestModels, type MockLlm, type MockLlmRequest, startMockLlm } from '../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * The seed's gated actions through the real stack (host, tool servers, SQLite stores) and the real
 * Anthropic SDK against the mock LLM: each gated call pauses the run; a person's decision resumes it at
 * that call — approved runs it (with edited arguments), rejected or expired tells the model — and
 * nothing before the pause runs twice.
 */
const TENANT = 'tenant-demo';
const ISOLATION = 'tenant-isolation';

interface Script {
  tool: string;
  input: Record<string, unknown>;
}

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};

/** The tools the model called earlier in this conversation, by bare name. */
const calledBefore = (request: MockLlmRequest) =>
  request.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'tool_use' ? [p.name.replace(/^.*__/, '')] : [])));

/**
 * Calls the scripted tool once (after the memory search the host requires before an offer), then
 * answers with what the tool said.
 */
function scripted(script: () => Script) {
  return (request: MockLlmRequest) => {
    const { tool, input } = script();
    const called = calledBefore(request);
    if (tool === 'create_retention_offer' && !called.includes('search_memory')) {
      return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'preço' } }] };
    }
    if (!called.includes(tool)) return { toolCalls: [{ name: named(request, tool), input }] };
    return { text: `RESPOSTA: ${request.toolResults[0]?.content ?? ''}` };
  };
}

const chats = (mock: MockLlm) => mock.requests.filter((r) => r.kind === 'chat');

describe('gated actions wait for a person', () => {
  let mock: MockLlm;
  let seeded: SeededApp;
  let script: Script;

  beforeAll(async () => {
    mock = await startMockLlm();
    seeded = await createSeededApp({ model: createTestModels(mock).anthropic });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });
  beforeEach(() => {
    mock.reset();
    mock.setHandler(scripted(() => script));
  });

  const approvals = () => {
    const service = seeded.app.approvals;
    if (!service) throw new Error('no approvals service');
    return service;
  };

  it('pauses an offer above 30%, then runs it with the arguments the approver edited', async () => {
    const offers = seeded.app.deps.store.crm.offers;
    const before = offers.countByContact(TENANT, 'contact-carlos');
    script = {
      tool: 'create_retention_offer',
      input: { discount_percent: 40, duration_months: 3, reason: 'reclamou do preço' },
    };
    const paused = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está caro',
      tenantId: TENANT,
      contactId: 'contact-carlos',
    });
    expect(paused.status).toBe('awaiting_approval');
    expect(paused.approval).toMatchObject({
      agent: 'retention_churn',
      tool: expect.stringMatching(/create_retention_offer$/),
      arguments: { discount_percent: 40 },
      reason: expect.stringMatching(/40% is above 30%/),
    });
    const id = paused.approval?.id as string;
    expect(Date.parse(paused.approval?.expires_at ?? '') - Date.parse(paused.approval?.requested_at ?? '')).toBe(
      24 * 3600 * 1000,
    );
    expect(offers.countByContact(TENANT, 'contact-carlos')).toBe(before);
    expect((await approvals().list(TENANT, 'pending')).map((a) => a.id)).toContain(id);
    const modelCallsBefore = chats(mock).length;

    const decided = await approvals().decide(
      TENANT,
      id,
      { decision: 'approve', arguments: { discount_percent: 35, duration_months: 3, reason: 'reclamou do preço' } },
      { decidedBy: 'supervisor-ana', waitMs: 60_000 },
    );
    const result = decided.result as ExecutionResult;
    expect(result.status).toBe('completed');
    expect(result.response).toMatch(/^RESPOSTA: .*35%/);
    expect(result.metadata['resumed_approval_id']).toBe(id);
    // The model was called once more (with the call's result), not from the start.
    expect(chats(mock).length).toBe(modelCallsBefore + 1);
    const resumedRequest = chats(mock).at(-1) as MockLlmRequest;
    expect(resumedRequest.lastUserText).toBe('Quero cancelar, está caro');
    expect(resumedRequest.toolResults[0]?.isError).toBe(false);
    expect(offers.countByContact(TENANT, 'contact-carlos')).toBe(before + 1);
    expect(offers.listByContact(TENANT, 'contact-carlos', 1)[0]?.discount_pct).toBe(35);
    expect(await approvals().get(TENANT, id)).toMatchObject({
      status: 'approved',
      decided_by: 'supervisor-ana',
      decided_arguments: { discount_percent: 35 },
      resumed_at: expect.any(String),
    });
    // The session holds the whole exchange once.
    const session = await seeded.app.sessions.load({
      tenantId: TENANT,
      contactId: '',
      sessionId: result.metadata['session_id'] as string,
    });
    expect(session?.history.filter((m) => m.role === 'user' && m.content.some((p) => p.type === 'text')).length).toBe(
      1,
    );

    // A second decision is a conflict; another tenant does not see it.
    await expect(approvals().decide(TENANT, id, { decision: 'reject' })).rejects.toBeInstanceOf(ApprovalConflictError);
    await expect(approvals().get(ISOLATION, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(approvals().decide(ISOLATION, id, { decision: 'approve' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an offer above the tenant maximum without asking anyone', async () => {
    script = { tool: 'create_retention_offer', input: { discount_percent: 60, duration_months: 3, reason: 'preço' } };
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar',
      tenantId: TENANT,
      contactId: 'contact-carlos',
    });
    expect(result.status).toBe('completed');
    const offer = result.tool_calls.find((c) => c.tool_name === 'create_retention_offer');
    expect(offer).toMatchObject({ is_error: true, output: expect.stringMatching(/maximum of 50%/) });
  });

  it('pauses a severity 9 escalation; a rejection and its note reach the model, and nothing is written', async () => {
    const escalations = seeded.app.deps.store.crm.escalations;
    const before = escalations.listByContact(TENANT, 'contact-carlos').length;
    script = {
      tool: 'escalate_to_supervisor',
      input: { reason: 'ameaça de processo', severity: 9, contact_id: 'contact-carlos' },
    };
    const paused = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Vou processar vocês!',
      tenantId: TENANT,
      contactId: 'contact-carlos',
    });
    expect(paused.status).toBe('awaiting_approval');
    expect(paused.approval?.reason).toMatch(/severity 9/);
    const decided = await approvals().decide(
      TENANT,
      paused.approval?.id as string,
      { decision: 'reject', note: 'Eu mesmo ligo para ele hoje' },
      { waitMs: 60_000 },
    );
    expect(decided.approval.status).toBe('rejected');
    expect(decided.result?.response).toMatch(/rejected it\. Their note: "Eu mesmo ligo para ele hoje"/);
    expect(escalations.listByContact(TENANT, 'contact-carlos').length).toBe(before);
  });

  it('pauses assigning a lead scored below 60 to a human, and assigns it once approved', async () => {
    script = { tool: 'assign_to_agent', input: { contact_id: 'contact-ana' } };
    const paused = await seeded.app.execute({
      agent: 'sdr',
      message: 'Passe a Ana para um vendedor',
      tenantId: ISOLATION,
      contactId: 'contact-ana',
    });
    expect(paused.status).toBe('awaiting_approval');
    expect(paused.approval?.reason).toMatch(/scored 50 \(below 60\)/);
    const decided = await approvals().decide(
      ISOLATION,
      paused.approval?.id as string,
      { decision: 'approve' },
      {
        waitMs: 60_000,
      },
    );
    expect(decided.result?.tool_calls.at(-1)).toMatchObject({ tool_name: 'assign_to_agent', is_error: false });
    expect(seeded.app.deps.store.crm.leads.latestForContact(ISOLATION, 'contact-ana')?.assigned_agent_id).toBe(
      'agent-joao',
    );
  });

  it('expires a pending approval: the model is told and answers', async () => {
    script = { tool: 'escalate_to_supervisor', input: { reason: 'cliente furioso', severity: 8 } };
    const paused = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Péssimo atendimento',
      tenantId: TENANT,
      contactId: 'contact-carlos',
    });
    const id = paused.approval?.id as string;
    expect(await approvals().expireDue(Date.now())).toBe(0);
    const resumed = new Promise<ExecutionResult>((resolve) => {
      const off = approvals().onResumed((approval, _origin, result) => {
        if (approval.id === id) {
          off();
          resolve(result);
        }
      });
    });
    expect(await approvals().expireDue(Date.now() + 25 * 3600 * 1000)).toBe(1);
    expect((await resumed).response).toMatch(/nobody decided in time/);
    expect((await approvals().get(TENANT, id)).status).toBe('expired');
    await expect(approvals().decide(TENANT, id, { decision: 'approve' })).rejects.toBeInstanceOf(ApprovalConflictError);
  });
});

describe('a paused run survives a restart', () => {
  let mock: MockLlm;
  let dataDir: string;

  beforeAll(async () => {
    mock = await startMockLlm();
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-approvals-'));
  });
  afterAll(async () => {
    await mock?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is decided by a new app on the same data dir, and the per-tenant CLV rule gated it', async () => {
    mock.setHandler(
      scripted(() => ({
        tool: 'create_retention_offer',
        input: { discount_percent: 10, duration_months: 2, reason: 'cliente valioso' },
      })),
    );
    // This tenant gates every offer to a customer worth more than R$ 100.
    const env = {
      VENTROS_MODEL: 'offline',
      VENTROS_APPROVAL_RULES: JSON.stringify({ tenants: { [TENANT]: { retention_clv_above: 100 } } }),
    };
    const open = () =>
      createApp({
        hostConfig: builtinHostConfig(),
        env,
        dataDir,
        seedIfEmpty: true,
        model: createTestModels(mock).anthropic,
      });
    const first = await open();
    let id: string;
    try {
      const paused = await first.execute({
        agent: 'retention_churn',
        message: 'Quero cancelar',
        tenantId: TENANT,
        contactId: 'contact-carlos',
        audience: 'customer',
      });
      expect(paused.status).toBe('awaiting_approval');
      expect(paused.approval?.reason).toMatch(/CLV R\$ [\d.]+ \(above R\$ 100\)/);
      id = paused.approval?.id as string;
    } finally {
      await first.close();
    }
    const second = await open();
    try {
      const decided = await second.approvals?.decide(TENANT, id, { decision: 'approve' }, { waitMs: 60_000 });
      expect(decided?.result?.status).toBe('completed');
      expect(decided?.result?.tool_calls.at(-1)).toMatchObject({
        tool_name: 'create_retention_offer',
        is_error: false,
      });
    } finally {
      await second.close();
    }
  }, 120_000);
});
