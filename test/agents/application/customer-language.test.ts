import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRACEFUL_ANSWERS } from '../../../src/agents/application/answer-guard.js';
import type { ExecutionResult } from '../../../src/agents/application/index.js';
import { createTestModels, type MockLlm, startMockLlm } from '../../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * The customer's language through the real app: detected per message, kept in the session, and the
 * answer written in it — by the offline policies (support, retention, sales, BI) and, for a real model,
 * by the instruction the system prompt carries (the Anthropic SDK against the mock LLM server).
 */
const TENANT = 'tenant-demo';
// Weekdays Portuguese alone abbreviates so: Spanish writes `sáb` and `dom` too (an offer valid until a
// Saturday failed the Spanish answer on any day whose offer ended on one).
const PORTUGUESE_DATE = /\b(?:seg|ter|qua|qui|sex),? \d{2}\/\d{2}|\bàs \d/;
const PORTUGUESE_WORDS = /\b(?:você|não|obrigad[oa]|registrei|protocolo de|Entendo|para você)\b/;

describe('offline answers in the customer language', () => {
  let seeded: SeededApp;
  beforeAll(async () => {
    seeded = await createSeededApp();
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
  });

  const ask = (agent: string, message: string, extra: Record<string, unknown> = {}): Promise<ExecutionResult> =>
    seeded.app.execute({
      agent,
      message,
      tenantId: TENANT,
      contactId: 'contact-carlos',
      audience: 'customer',
      ...extra,
    });

  it.each([
    ['support_billing', 'me cobraron dos veces la factura de este mes', /Registré tu solicitud/],
    ['support_technical', 'la app no funciona desde ayer, no puedo entrar', /Lamento mucho el inconveniente/],
    ['retention_churn', 'quiero darme de baja, está muy caro', /Entiendo|supervisor/],
    ['sales_negotiation', '¿me pueden hacer un descuento de 10% en el plan anual?', /Entendido/],
    ['support_onboarding', 'hola, soy nuevo, ¿cómo importo mis contactos?', /Bienvenido/],
  ])('%s answers a Spanish message in Spanish', async (agent, message, expected) => {
    const result = await ask(agent, message);
    expect(result.response).toMatch(expected);
    expect(result.response).not.toMatch(PORTUGUESE_WORDS);
    expect(result.response).not.toMatch(PORTUGUESE_DATE);
  });

  it.each([
    ['support_billing', 'I was charged twice on this month invoice', /I logged your request/],
    ['retention_churn', "I want to cancel, it's way too expensive for us", /I understand|supervisor/],
    ['sales_negotiation', 'can you give me 10% off on the annual plan?', /Got it/],
    ['support_onboarding', 'hi, I am new here, how do I import my contacts?', /Welcome/],
  ])('%s answers an English message in English, with English dates', async (agent, message, expected) => {
    const result = await ask(agent, message);
    expect(result.response).toMatch(expected);
    expect(result.response).not.toMatch(PORTUGUESE_WORDS);
    expect(result.response).not.toMatch(PORTUGUESE_DATE);
  });

  it('writes English dates in an English retention offer ("valid until Fri, Dec 11", never "sex, 11/12")', async () => {
    const result = await ask('retention_churn', 'I want to cancel my subscription, too expensive');
    if (/valid until/.test(result.response))
      expect(result.response).toMatch(/valid until [A-Z][a-z]{2}, [A-Z][a-z]{2} \d/);
    expect(result.response).not.toMatch(PORTUGUESE_DATE);
  });

  it('keeps the session language when a message says too little ("ok", "👍")', async () => {
    const sessionId = `lang-${Date.now()}`;
    const first = await ask('balanced', 'hola, buenas tardes, tengo una pregunta', { sessionId });
    expect(first.response).toMatch(/Hola/);
    for (const message of ['ok', '👍']) {
      const next = await ask('balanced', message, { sessionId });
      expect(next.response, message).toMatch(/¡Hola|ayudarte|De nada/);
      expect(next.response).not.toMatch(PORTUGUESE_WORDS);
    }
    const english = await ask('balanced', 'sorry, can we switch to English please?', { sessionId });
    expect(english.response).toMatch(/\bHi\b|help/);
  });

  it.each([
    ['how many leads did we get yesterday?', /^Yesterday \([A-Z][a-z]{2} \d{1,2}, \d{4}\): \*\*\d+ leads\*\*/],
    ['how many leads this month?', /^This month \(/],
    ['¿cuántos leads tuvimos ayer?', /^Ayer \(\d{2}\/\d{2}\/\d{4}\)/],
    ['¿cuántos leads este año?', /^Este año \(01\/01\/\d{4} – /],
    ['quantos leads tivemos este ano?', /^Neste ano \(01\/01\/\d{4} – /],
    ['e ontem, quantos leads?', /^Ontem \(/],
  ])('bi_manager answers "%s" for the period asked, in its language', async (message, expected) => {
    const result = await seeded.app.execute({ agent: 'bi_manager', message, tenantId: TENANT, audience: 'staff' });
    expect(result.response).toMatch(expected);
  });
});

describe('a real model is told the customer language', () => {
  let mock: MockLlm;
  let seeded: SeededApp;
  beforeAll(async () => {
    mock = await startMockLlm();
    mock.setHandler(() => ({ text: 'ok' }));
    seeded = await createSeededApp({ model: createTestModels(mock).anthropic });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await mock?.close();
  });

  const lastSystem = (): string => {
    const chats = mock.requests.filter((r) => r.kind === 'chat');
    return chats.at(-1)?.system ?? '';
  };

  it('puts "answer in <language>" in the system prompt, kept for the session, with the tenant today', async () => {
    const sessionId = `llm-lang-${Date.now()}`;
    const request = { agent: 'support_billing', tenantId: TENANT, contactId: 'contact-carlos', sessionId };
    await seeded.app.execute({ ...request, message: 'hola, necesito la factura del mes pasado', audience: 'customer' });
    expect(lastSystem()).toMatch(/Idioma da resposta: Responde en español/);
    expect(lastSystem()).toMatch(/Hoy es \d{4}-\d{2}-\d{2} en la zona horaria de la empresa \(America\/Sao_Paulo\)/);
    expect(lastSystem()).toMatch(/Dinero como 10\.800,00 R\$/);

    await seeded.app.execute({ ...request, message: 'ok', audience: 'customer' });
    expect(lastSystem()).toMatch(/Responde en español/);

    await seeded.app.execute({
      ...request,
      message: 'sorry, could you answer in English? I need my invoice',
      audience: 'customer',
    });
    expect(lastSystem()).toMatch(/Answer in English .* Money like R\$10,800\.00, dates like "Thu, Dec 10 at 3:00 PM"/);
  });

  it('tells the model Portuguese with R$ 10.800,00 for a Portuguese message', async () => {
    await seeded.app.execute({
      agent: 'retention_churn',
      message: 'quero cancelar meu plano',
      tenantId: TENANT,
      contactId: 'contact-ana',
      audience: 'customer',
    });
    expect(lastSystem()).toMatch(/Responda em português do Brasil .* Valores como R\$ 10\.800,00/);
  });

  it.each([
    ['es', 'hola, ¿me ayudas con mi factura?'],
    ['en', 'hi, can you help me with my invoice?'],
    ['pt', 'oi, me ajuda com a minha fatura?'],
  ] as const)(
    'says the graceful answer in the customer language (%s) when the model echoes an error',
    async (language, message) => {
      mock.setHandler(() => ({ text: 'Contact "anonymous-7f3a" not found.' }));
      try {
        const result = await seeded.app.execute({
          agent: 'support_billing',
          message,
          tenantId: TENANT,
          contactId: 'contact-carlos',
          audience: 'customer',
        });
        expect(result.response).toBe(GRACEFUL_ANSWERS[language]);
        expect(result.metadata['answer_guard']).toBe('replaced');
      } finally {
        mock.setHandler(() => ({ text: 'ok' }));
      }
    },
  );
});
