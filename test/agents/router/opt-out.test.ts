import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOptOut } from '../../../src/agents/router/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

/*
 * Opt-outs are a preference, not a cancellation: routed to the campaign agent, confirmed, and recorded
 * through the memory server's contact-bound write, never answered with a retention offer. On the real
 * stack (router, catalog, MCP host, memory server, SQLite) with the offline model.
 */
const TENANT = 'tenant-demo';
const CONTACT = 'contact-carlos';

describe('isOptOut', () => {
  it.each([
    'STOP',
    'SAIR',
    'stoooop',
    'Baja',
    'quero parar de receber essas mensagens',
    'para de me mandar promoção',
    'me tira dessa lista pfv',
    'unsubscribe',
    'Please unsubscribe me from your newsletter',
    'stop texting me',
    'take me off your mailing list',
    'no me escriban más',
    'dejen de mandarme publicidad',
    'sáquenme de la lista',
    'remove me',
    'no more promotional emails please',
    "I don't want your newsletters",
    'quit spamming me',
    'não quero mais essas promoções',
    'me exclui dessa lista',
    'denme de baja de los correos promocionales',
    'no quiero más promociones',
  ])('reads "%s" as an opt-out', (text) => {
    expect(isOptOut(text)).toBe(true);
  });

  it.each([
    'quero cancelar meu plano',
    'o whatsapp para de receber mensagens toda hora',
    'cancela a reunião de amanhã',
    'I want to stop my subscription',
    'quiero darme de baja del servicio',
    'I do not want to renew the contract',
    'não quero mais o sistema',
    'remove my card from the account',
  ])('does not read "%s" as an opt-out', (text) => {
    expect(isOptOut(text)).toBe(false);
  });
});

let seeded: SeededApp;
beforeAll(async () => {
  seeded = await createSeededApp();
}, 120_000);
afterAll(async () => {
  await seeded?.close();
});

describe('an opt-out through auto, as the customer', () => {
  it.each(['STOP', 'SAIR', 'quero parar de receber mensagens de vocês', 'unsubscribe', 'no me escriban más'])(
    '"%s" reaches the campaign agent, which confirms and records it, with no retention offer',
    async (message) => {
      const result = await seeded.app.execute({ message, tenantId: TENANT, contactId: CONTACT, audience: 'customer' });
      expect(result.agent_used).toBe('marketing_campaign');
      const tools = result.tool_calls.map((c) => c.tool_name.replace(/^.*__/, ''));
      expect(tools).not.toContain('create_retention_offer');
      const stored = result.tool_calls.find((c) => c.tool_name.endsWith('store_memory'));
      expect(stored?.is_error).toBe(false);
      expect(stored?.input).toMatchObject({
        memory_type: 'preference',
        metadata: { channel_preference: 'no_marketing' },
      });
      expect(result.response).toMatch(/não quer mais receber|not receive promotional|ya no quieres recibir/);
      const memories = seeded.app.deps.store.memories
        .listRecent(TENANT, { contactId: CONTACT }, 200)
        .filter((m) => m.metadata['channel_preference'] === 'no_marketing');
      expect(memories.length).toBeGreaterThan(0);
    },
  );

  it('records an opt-out that reaches retention by name, and makes no offer', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'STOP',
      tenantId: TENANT,
      contactId: CONTACT,
      audience: 'customer',
    });
    const tools = result.tool_calls.map((c) => c.tool_name.replace(/^.*__/, ''));
    expect(tools).not.toContain('create_retention_offer');
    expect(tools).toContain('store_memory');
    expect(result.response).toMatch(/não quer mais receber|not receive promotional|ya no quieres recibir/);
  });
});
