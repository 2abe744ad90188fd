import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, builtinHostConfig } from '/work/main/src/cli/app.ts';
const dir = mkdtempSync(join(tmpdir(), 'wf-'));
const app = await createApp({ env: { VENTROS_MODEL: 'offline' }, dataDir: dir, seedIfEmpty: true, hostConfig: builtinHostConfig() });
const cases: Array<[string, string, string]> = [
  ['ceo_agent', 'Quero cancelar, está muito caro', 'contact-carlos'],
  ['support_handoff', 'Fui cobrado duas vezes no boleto', 'contact-ana'],
  ['support_handoff', 'ISSO É UM ABSURDO!!! NADA FUNCIONA', 'contact-ana'],
  ['onboarding_flow', 'Acabei de contratar, e agora?', 'contact-natalia'],
  ['lead_enrichment', 'Enriquecer lead', 'contact-wagner'],
  ['qa_review', 'Qual o prazo de entrega do meu pedido?', 'contact-ana'],
  ['reflective_agent', 'Qual o prazo de entrega do meu pedido?', 'contact-ana'],
  ['coordinator', 'O sistema está fora do ar', 'contact-ana'],
];
for (const [agent, message, contactId] of cases) {
  try {
    const r = await app.execute({ agent, message, tenantId: 'tenant-demo', contactId });
    console.log(`\n### ${agent}: ${message}\n→ ${r.agent_used} [${r.tool_calls.map((c) => c.tool_name + (c.is_error ? '(ERR)' : '')).join(', ')}]\n${r.response}`);
  } catch (e) { console.log(`\n### ${agent} FAILED`, e); }
}
await app.close();
rmSync(dir, { recursive: true, force: true });
