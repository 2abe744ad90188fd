import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTION_HEADERS } from '../../../../src/agents/catalog/memory-context/index.js';
import { createTestModels, type MockLlm, startMockLlm } from '../../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';

const TENANT = 'tenant-demo';

/** The system prompt as the provider received it in the raw request body (Anthropic `system`, Gemini `systemInstruction`). */
function rawSystem(body: unknown): string {
  const b = body as { system?: unknown; systemInstruction?: { parts?: Array<{ text?: string }> } };
  if (typeof b.system === 'string') return b.system;
  if (Array.isArray(b.system)) return (b.system as Array<{ text?: string }>).map((p) => p.text ?? '').join('\n');
  return (b.systemInstruction?.parts ?? []).map((p) => p.text ?? '').join('\n');
}

/** What follows the instruction: the memory sections, from the first seed marker on. */
function memoryPart(system: string): string {
  const at = Math.min(
    ...Object.values(SECTION_HEADERS)
      .map((h) => system.indexOf(h))
      .filter((i) => i >= 0),
  );
  return Number.isFinite(at) ? system.slice(at) : '';
}

describe.each(['anthropic', 'gemini'] as const)('memory sections on the real %s SDK against the mock', (provider) => {
  let mock: MockLlm;
  let seeded: SeededApp;
  beforeAll(async () => {
    mock = await startMockLlm();
    seeded = await createSeededApp({ model: createTestModels(mock)[provider] });
    // A past session of Carlos, and one of another customer that says the same words.
    const add = (contactId: string, sessionId: string, text: string) =>
      seeded.app.host.callTool(
        'add_session',
        {
          session_id: sessionId,
          contact_id: contactId,
          messages: [
            { role: 'user', content: text },
            { role: 'assistant', content: 'Entendo, vou verificar.' },
          ],
          summary: text,
        },
        { tenantId: TENANT, contactId },
      );
    await add('contact-carlos', 'past-carlos-1', 'Carlos reclamou do preço alto da renovação e pensou em cancelar.');
    await add(
      'contact-fernando',
      'past-fernando-1',
      'Fernando reclamou do preço alto e pensou em cancelar (SEGREDO-FERNANDO).',
    );
  }, 60_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });

  it('sends the seed sections for the trusted contact in the request body, and nothing of another contact', async () => {
    mock.reset();
    mock.enqueue({ text: 'Carlos, entendo sua preocupação com o preço.' });
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'O preço está alto demais, quero cancelar',
      tenantId: TENANT,
      contactId: 'contact-carlos',
      audience: 'customer',
    });
    expect(result.response).toContain('Carlos');
    const system = rawSystem(mock.requests[0]?.body);
    const memory = memoryPart(system);
    expect(memory).toContain(SECTION_HEADERS.recent);
    expect(memory).toContain(SECTION_HEADERS.similar);
    expect(memory).toContain(SECTION_HEADERS.contact);
    expect(memory).toContain(SECTION_HEADERS.facts);
    // Seed order: recent messages, similar sessions, contact context, facts.
    const order = Object.values(SECTION_HEADERS).map((h) => memory.indexOf(h));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(memory).toMatch(/1\. Carlos reclamou do preço alto da renovação.*\(similaridade: \d\.\d\d\)/);
    expect(memory).toContain('WhatsApp depois das 14h'); // Carlos's stored preference, a memory fact
    expect(memory).toMatch(/- Total de sessões: \d+/); // labels in the customer's language (pt)
    // Retention's scope: contact events and agent transfers, no campaigns.
    expect(memory).toMatch(/- Eventos: /);
    expect(memory).toMatch(/- Atendido por: /);
    expect(memory).not.toMatch(/Origem \(campanha\)/);
    expect(system).not.toContain('SEGREDO-FERNANDO');
    expect(system).not.toContain('Fernando');
    expect(memory.length).toBeLessThanOrEqual(4_000);
  });

  it("shows a prospect's pipeline, campaign and tracking under the sales scope, with English labels for an English customer", async () => {
    mock.reset();
    mock.enqueue({ text: 'Sure, let me check the plans for you.' });
    await seeded.app.execute({
      agent: 'sales_prospecting',
      message: 'Hello, I would like to know the price of the premium plan for my team please',
      tenantId: TENANT,
      contactId: 'contact-rafael',
      audience: 'customer',
    });
    const memory = memoryPart(rawSystem(mock.requests[0]?.body));
    expect(memory).toContain(SECTION_HEADERS.contact);
    expect(memory).toContain('- Pipeline: negotiation (score 92)');
    expect(memory).toMatch(/- Campaign source: .*Black Friday/i);
    expect(memory).toMatch(/- Tracking: source=\w+, channel=\w+/);
    expect(memory).toMatch(/- Total sessions: \d+/);
  });
});
