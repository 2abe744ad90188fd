import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedModel } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

let seeded: SeededApp;

beforeAll(async () => {
  const offer = {
    name: 'retention__create_retention_offer',
    args: { discount_percent: 40, duration_months: 3, reason: 'preço' },
  };
  seeded = await createSeededApp({
    model: new ScriptedModel([{ toolCalls: [offer] }, 'Vou verificar seu histórico primeiro.']),
  });
}, 60_000);

afterAll(async () => {
  await seeded?.close();
});

describe('the approval gate comes after the agent’s own checks', () => {
  it('refuses an offer made before the memory search instead of asking a person to approve it', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
    });
    expect(result.status).toBe('completed');
    expect(result.approval).toBeUndefined();
    expect(result.tool_calls[0]).toMatchObject({ tool_name: 'create_retention_offer', is_error: true });
    expect(result.tool_calls[0]?.output).toMatch(/search_memory first/);
    expect(await seeded.app.approvals?.list('tenant-demo', 'pending')).toEqual([]);
  });
});
