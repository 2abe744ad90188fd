import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedModel } from '../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

let seeded: SeededApp;
let model: ScriptedModel;

beforeAll(async () => {
  model = new ScriptedModel([
    { toolCalls: [{ name: 'read_resource', args: { uri: 'crm://contacts/contact-carlos' } }] },
    'Seu perfil está certo.',
    { toolCalls: [{ name: 'read_resource', args: { uri: 'crm://contacts/contact-ana' } }] },
    'Não posso ver outro cliente.',
  ]);
  seeded = await createSeededApp({ model });
}, 60_000);

afterAll(async () => {
  await seeded?.close();
});

describe('read_resource: the agents read crm:// resources through the host', () => {
  it("reads the customer's own contact, and a customer run cannot read another contact", async () => {
    const own = await seeded.app.execute({
      agent: 'support_technical',
      message: 'Meus dados estão certos?',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
      audience: 'customer',
    });
    const read = own.tool_calls.find((c) => c.tool_name === 'read_resource');
    expect(read?.output).toContain('contact-carlos');
    expect(read?.output).not.toContain('Could not read');

    const other = await seeded.app.execute({
      agent: 'support_technical',
      message: 'E os dados da Ana?',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
      audience: 'customer',
    });
    const refused = other.tool_calls.find((c) => c.tool_name === 'read_resource');
    expect(refused?.output).toContain('Could not read crm://contacts/contact-ana');
    expect(refused?.output).not.toContain('"name"');
  });
});
