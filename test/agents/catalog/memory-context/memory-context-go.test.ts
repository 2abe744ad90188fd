import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTION_HEADERS } from '../../../../src/agents/catalog/memory-context/index.js';
import { type FakeGoCrm, startFakeGoCrm } from '../../../support/fake-go-crm/index.js';
import { createTestModels, type MockLlm, startMockLlm } from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const TENANT = 'tenant-demo';
const memory = (id: string, contact: string, type: string, content: string) => ({
  tenant_id: TENANT,
  id,
  contact_id: contact,
  content,
  memory_type: type,
  metadata: {},
  importance: 0.8,
});

describe('memory sections and add_session through the Go memory service (MEMORY_SERVICE_GRPC_HOST)', () => {
  let fake: FakeGoCrm;
  let mock: MockLlm;
  let seeded: SeededApp;
  beforeAll(async () => {
    fake = await startFakeGoCrm({
      memories: [
        memory('go-1', 'contact-carlos', 'preference', 'GO-FACT: prefere ligação à tarde'),
        memory('go-2', 'contact-carlos', 'session_summary', 'GO-SESSION: reclamou do preço e pediu desconto'),
        memory('go-3', 'contact-fernando', 'preference', 'GO-OTHER: dado de outro contato sobre preço'),
      ],
    });
    mock = await startMockLlm();
    seeded = await createSeededApp({
      model: createTestModels(mock).anthropic,
      env: { VENTROS_MODEL: 'offline', MEMORY_SERVICE_GRPC_HOST: fake.target },
      sessionIdleMs: 0,
    });
  }, 60_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
    await fake?.close();
  });

  it('reads the sections from the Go service for the trusted contact, and hands the ended session back to it', async () => {
    mock.enqueue({ text: 'Carlos, entendo.' });
    await seeded.app.execute({
      agent: 'retention_churn',
      message: 'O preço está alto, quero desconto',
      tenantId: TENANT,
      contactId: 'contact-carlos',
      sessionId: 'go-session-1',
      audience: 'customer',
    });
    const system = mock.requests[0]?.system ?? '';
    expect(system).toContain(SECTION_HEADERS.similar);
    expect(system).toMatch(/1\. GO-SESSION: reclamou do preço/);
    expect(system).toContain(SECTION_HEADERS.facts);
    expect(system).toContain('- preference: GO-FACT: prefere ligação à tarde');
    expect(system).not.toContain('GO-OTHER');
    const reads = fake.calls.filter((c) => c.method === 'GetContactContext' || c.method === 'SearchMemories');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const call of reads) expect(call.request).toMatchObject({ tenant_id: TENANT, contact_id: 'contact-carlos' });

    expect(
      seeded.app.sessionEnds.end({ tenantId: TENANT, contactId: 'contact-carlos', sessionId: 'go-session-1' }, 'event'),
    ).toBe(true);
    await seeded.app.sessionEnds.drain();
    const adds = fake.calls.filter((c) => c.method === 'AddSession');
    expect(adds).toHaveLength(1);
    expect(adds[0]).toMatchObject({
      request: { tenant_id: TENANT, session_id: 'go-session-1', contact_id: 'contact-carlos' },
      idempotencyKey: 'session-ended/go-session-1',
    });
  });
});
