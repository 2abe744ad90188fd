import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics, parseApiTokens } from '../../../src/bridge/index.js';
import { createTestModels, type MockLlm, type MockLlmRequest, startMockLlm } from '../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * /api/approvals over the real stack: a staff run pauses on a 40 % offer; the queue lists it for its
 * tenant only; a decision answers with the resumed run's result; a second decision is 409; another
 * tenant's token gets 404 and a customer token 403. The pending count is in /metrics.
 */
const named = (request: MockLlmRequest, bare: string) =>
  request.tools.find((t) => t.name.endsWith(`__${bare}`) || t.name === bare)?.name ?? bare;

describe('/api/approvals', () => {
  let mock: MockLlm;
  let seeded: SeededApp;
  let http: ReturnType<typeof createHttpApp>;
  const staff = { authorization: 'Bearer staff-demo', 'content-type': 'application/json' };
  const other = { authorization: 'Bearer staff-acme', 'content-type': 'application/json' };
  const customer = { authorization: 'Bearer widget-demo', 'content-type': 'application/json' };

  beforeAll(async () => {
    mock = await startMockLlm();
    // A memory search first (the host requires it before an offer), then the gated offer, then the answer.
    mock.setHandler((request) => {
      const called = request.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'tool_use' ? [p.name] : [])));
      if (!called.some((n) => n.endsWith('search_memory'))) {
        return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'preço' } }] };
      }
      if (!called.some((n) => n.endsWith('create_retention_offer'))) {
        return {
          toolCalls: [
            {
              name: named(request, 'create_retention_offer'),
              input: { discount_percent: 40, duration_months: 3, reason: 'preço alto' },
            },
          ],
        };
      }
      return { text: `RESPOSTA: ${request.toolResults[0]?.content ?? ''}` };
    });
    seeded = await createSeededApp({ model: createTestModels(mock).anthropic });
    http = createHttpApp({
      app: seeded.app,
      metrics: new HttpMetrics(),
      apiTokens: parseApiTokens(
        'staff-acme:tenant-acme:staff,widget-demo:tenant-demo:customer,staff-demo:tenant-demo:staff',
      ),
      defaultTenantId: 'tenant-demo',
    });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });

  it('lists, shows and decides a paused run, once, for its own tenant', async () => {
    const run = await http.request('/api/agents/retention_churn/execute', {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ message: 'Quero cancelar', contact_id: 'contact-carlos' }),
    });
    expect(run.status).toBe(200);
    const paused = (await run.json()) as { status: string; approval: { id: string; tool: string } };
    expect(paused.status).toBe('awaiting_approval');
    const id = paused.approval.id;

    const list = await http.request('/api/approvals?status=pending', { headers: staff });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { approvals: Array<{ id: string }> }).approvals.map((a) => a.id)).toContain(id);
    const metrics = await (await http.request('/metrics')).text();
    expect(metrics).toMatch(/ventros_approvals_pending\{tenant="tenant-demo"\} [1-9]/);

    expect((await http.request(`/api/approvals/${id}`, { headers: staff })).status).toBe(200);
    expect((await http.request(`/api/approvals/${id}`, { headers: other })).status).toBe(404);
    const otherList = (await (await http.request('/api/approvals', { headers: other })).json()) as {
      approvals: unknown[];
    };
    expect(otherList.approvals).toEqual([]);
    const decide = (headers: Record<string, string>, body: unknown) =>
      http.request(`/api/approvals/${id}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await decide(customer, { decision: 'approve' })).status).toBe(403);
    expect((await decide(other, { decision: 'approve' })).status).toBe(404);
    expect((await decide(staff, { decision: 'maybe' })).status).toBe(400);

    const approved = await decide(staff, { decision: 'approve', note: 'cliente antigo', timeout_ms: 60_000 });
    expect(approved.status).toBe(200);
    const result = (await approved.json()) as { status: string; response: string; metadata: Record<string, string> };
    expect(result.status).toBe('completed');
    expect(result.response).toContain('40%');
    expect(result.metadata['resumed_approval_id']).toBe(id);

    const again = await decide(staff, { decision: 'reject' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_decided');
    const shown = (await (await http.request(`/api/approvals/${id}`, { headers: staff })).json()) as {
      status: string;
      note: string;
    };
    expect(shown).toMatchObject({ status: 'approved', note: 'cliente antigo' });
  });
});
