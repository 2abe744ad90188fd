import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/agents/application/index.js';
import type { Model } from '../../../../src/agents/model/index.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

/*
 * The seed's AgentTool(SupervisorAgent, name="escalate_supervisor"): retention_churn calls the
 * retention supervisor as a tool. The runs below are CUSTOMER runs: the runtime refuses an internal
 * agent there, so the supervisor is customer-facing by design — with contact-bound tools only, no
 * intent examples (never routed) and not a coordinator specialist.
 */
const toolsOf = (result: ExecutionResult) => result.tool_calls.map((c) => c.tool_name);
const json = (text: string | undefined): Record<string, unknown> => JSON.parse(text ?? '{}');

describe('retention supervisor as an agent tool, offline model', () => {
  let seeded: SeededApp;
  beforeAll(async () => {
    seeded = await createSeededApp();
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it("a customer's retention run escalates a R$ 50,000+ account through the supervisor, which opens the case", async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-helena',
      audience: 'customer',
    });
    expect(result.agent_used).toBe('retention_churn');
    expect(toolsOf(result)).toEqual([
      'search_memory',
      'check_customer_value',
      'check_customer_value',
      'get_past_offers',
      'escalate_to_supervisor',
      'escalate_supervisor',
    ]);
    const opened = json(result.tool_calls.find((c) => c.tool_name === 'escalate_to_supervisor')?.output);
    expect(opened).toMatchObject({ contact_id: 'contact-helena', target: 'supervisor' });
    const brief = json(result.tool_calls.find((c) => c.tool_name === 'escalate_supervisor')?.output);
    expect(brief['escalation_id']).toBe(opened['escalation_id']);
    expect(result.response).toContain(String(opened['escalation_id']));
    expect(toolsOf(result)).not.toContain('create_retention_offer');
  });

  it('at severity ≥ 8 the case waits for approval inside the supervisor, and retention is still the agent that answered', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'ABSURDO!!! Vou no Procon e cancelo essa porcaria hoje',
      tenantId: 'tenant-demo',
      contactId: 'contact-roberto',
      audience: 'customer',
    });
    expect(result.status).toBe('awaiting_approval');
    expect(result.approval?.tool).toMatch(/escalate_to_supervisor$/);
    expect(Number(result.approval?.arguments['severity'])).toBeGreaterThanOrEqual(8);
    expect(result.agent_used).toBe('retention_churn');
  });

  it('is never a route: auto routing of a customer message never picks it', async () => {
    const routed = await seeded.app.execute({
      agent: 'auto',
      message: 'quero falar com o supervisor de retenção',
      tenantId: 'tenant-demo',
      contactId: 'contact-ana',
      audience: 'customer',
    });
    expect(routed.agent_used).not.toBe('retention_supervisor');
  });
});

/** The supervisor, scripted: value, then the case, then a one-line JSON brief. */
function supervisorTurn(request: MockLlmRequest): MockTurn {
  const named = (bare: string) => {
    const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
    if (!tool) throw new Error(`supervisor not offered ${bare}`);
    return tool.name;
  };
  const done = (bare: string) =>
    request.messages.some((m) => m.parts.some((p) => p.type === 'tool_use' && p.name?.endsWith(bare)));
  if (!done('check_customer_value')) return { toolCalls: [{ name: named('check_customer_value'), input: {} }] };
  if (!done('escalate_to_supervisor')) {
    return {
      toolCalls: [
        {
          name: named('escalate_to_supervisor'),
          input: { reason: 'CLV acima de R$ 50.000, quer cancelar', severity: 6 },
        },
      ],
    };
  }
  const result = request.messages
    .flatMap((m) => m.parts)
    .findLast((p) => p.type === 'tool_result' && /escalation_id/.test(String(p.content)));
  const id = /"escalation_id":"([^"]+)"/.exec(String(result?.type === 'tool_result' ? result.content : ''))?.[1];
  return { text: JSON.stringify({ escalation_id: id, priority: 'normal', brief: 'Conta grande; sem oferta.' }) };
}

/** retention_churn, scripted: memory, value, then the supervisor agent tool; answers with the protocol. */
function retentionTurn(request: MockLlmRequest): MockTurn {
  const has = (bare: string) => request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`))?.name;
  const done = (bare: string) =>
    request.messages.some((m) => m.parts.some((p) => p.type === 'tool_use' && p.name?.endsWith(bare)));
  const memory = has('search_memory');
  if (memory && !done('search_memory')) return { toolCalls: [{ name: memory, input: { query: 'histórico' } }] };
  const supervisor = has('escalate_supervisor');
  if (!supervisor) throw new Error('retention was not offered escalate_supervisor');
  if (!done('escalate_supervisor')) {
    return { toolCalls: [{ name: supervisor, input: { request: 'Cliente com CLV > R$ 50.000 quer cancelar.' } }] };
  }
  const brief = request.toolResults[0]?.content ?? '';
  const id = /"escalation_id":"([^"]+)"/.exec(String(brief))?.[1] ?? '?';
  return { text: `Entendo, Helena. Um supervisor vai cuidar do seu caso (protocolo ${id}).` };
}

describe('retention supervisor as an agent tool, through the real Anthropic SDK', () => {
  let mock: MockLlm;
  let seeded: SeededApp;

  beforeAll(async () => {
    mock = await startMockLlm();
    const model: Model = createTestModels(mock).anthropic;
    seeded = await createSeededApp({ model });
  });
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  it('offers escalate_supervisor to retention; the supervisor runs as a child in the customer run and opens the case', async () => {
    mock.setHandler((request) =>
      /supervisor de retenção do Ventros CRM/.test(request.system ?? '')
        ? supervisorTurn(request)
        : retentionTurn(request),
    );
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Estamos avaliando encerrar o contrato da rede toda',
      tenantId: 'tenant-demo',
      contactId: 'contact-helena',
      audience: 'customer',
    });
    expect(toolsOf(result)).toEqual([
      'search_memory',
      'check_customer_value',
      'escalate_to_supervisor',
      'escalate_supervisor',
    ]);
    const opened = json(result.tool_calls.find((c) => c.tool_name === 'escalate_to_supervisor')?.output);
    expect(opened).toMatchObject({ contact_id: 'contact-helena', severity: 6 });
    expect(result.response).toContain(`protocolo ${String(opened['escalation_id'])}`);
    // Over the wire: retention saw the agent tool with its one `request` argument; the supervisor's
    // prompt and tools are its own (no offer tool), and it never saw contact_id in a schema.
    const chats = mock.requests.filter((r) => r.kind === 'chat');
    const first = chats[0];
    expect(first?.tools.find((t) => t.name === 'escalate_supervisor')?.schema).toMatchObject({
      required: ['request'],
    });
    const supervisorChat = chats.find((r) => /supervisor de retenção do Ventros CRM/.test(r.system ?? ''));
    expect(supervisorChat).toBeDefined();
    expect(supervisorChat?.tools.map((t) => t.name).some((n) => n.endsWith('create_retention_offer'))).toBe(false);
    expect(JSON.stringify(supervisorChat?.tools)).not.toContain('"contact_id"');
  });
});
