import { createRng, DatasetBuilder, type TenantDataset } from './dataset-builder.js';
import { CONTACTS, PRODUCTS } from './demo-catalog.js';
import { buildLeads, buildStories } from './demo-stories.js';

export const DEMO_TENANT_ID = 'tenant-demo';

/** The demo tenant: a PT-BR SaaS company selling retail management plans. Deterministic for a given `now`. */
export function buildDemoTenant(now: Date): TenantDataset {
  const b = new DatasetBuilder(
    { id: DEMO_TENANT_ID, name: 'Nuvem Varejo Ltda', locale: 'pt-BR', currency: 'BRL', timeZone: 'America/Sao_Paulo' },
    now,
    createRng(20261121),
  );
  const rng = b.rng;
  for (const [id, name, position, probability] of [
    ['new', 'Novo', 1, 0.1],
    ['qualified', 'Qualificado', 2, 0.3],
    ['proposal', 'Proposta', 3, 0.5],
    ['negotiation', 'Negociação', 4, 0.7],
    ['won', 'Ganho', 5, 1],
    ['lost', 'Perdido', 6, 0],
  ] as const) {
    b.row('pipeline_stages', { id, name, position, probability });
  }
  for (const [id, name, channel, budget, days] of [
    ['camp-black-friday', 'Black Friday Varejo', 'instagram', 15000, 40],
    ['camp-google-ads', 'Google Ads — Gestão de Loja', 'google', 8000, 120],
    ['camp-reativacao', 'Reativação WhatsApp', 'whatsapp', 3000, 20],
  ] as const) {
    b.row('campaigns', { id, name, channel, budget, started_at: b.at(days), ended_at: null });
    b.node('campaign', id, name, { channel });
  }
  for (const [id, name, price] of PRODUCTS) b.product(id, name, price);
  b.agent({ id: 'agent-joao', name: 'João Silva', kind: 'human', team: 'sales', email: 'joao@nuvemvarejo.com.br' });
  b.agent({ id: 'agent-maria', name: 'Maria Souza', kind: 'human', team: 'sales', email: 'maria@nuvemvarejo.com.br' });
  b.agent({
    id: 'agent-pedro',
    name: 'Pedro Henrique',
    kind: 'human',
    team: 'support',
    email: 'pedro@nuvemvarejo.com.br',
  });
  b.agent({
    id: 'agent-carla',
    name: 'Carla Mota',
    kind: 'human',
    team: 'retention',
    email: 'carla@nuvemvarejo.com.br',
  });
  b.agent({ id: 'ai-sales', name: 'Vera (IA de vendas)', kind: 'ai', team: 'sales' });
  b.agent({ id: 'ai-support', name: 'Téo (IA de suporte)', kind: 'ai', team: 'support' });
  b.agent({ id: 'ai-retention', name: 'Lia (IA de retenção)', kind: 'ai', team: 'retention' });

  for (const [id, name, status, tier, ltv, company, days] of CONTACTS) {
    const first = name.split(' ')[0]?.toLowerCase() ?? 'contato';
    b.contact({
      id,
      name,
      status,
      tier,
      lifetime_value: ltv,
      company,
      phone: `+55 11 9${String(1000_0000 + Math.floor(rng() * 8999_9999)).slice(0, 8)}`,
      email: `${first}@${
        company
          .split(' ')[0]
          ?.toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '') || 'loja'
      }.com.br`,
      language: 'pt-BR',
      customer_since: status === 'lead' ? null : b.at(days),
      tags: tier === 'standard' ? [] : [tier],
      createdDaysAgo: days,
    });
    // Customers bought plans adding up roughly to their lifetime value.
    if (status !== 'lead' && ltv > 0) {
      const [productId, productName, price] = PRODUCTS[
        ltv >= 18000 ? 2 : ltv >= 4800 ? 1 : 0
      ] as (typeof PRODUCTS)[number];
      const times = Math.max(1, Math.min(4, Math.round(ltv / price)));
      for (let i = 0; i < times; i++)
        b.purchase(id, productId, productName, Math.round(ltv / times), Math.max(2, days - i * 90));
    }
  }
  buildStories(b);
  buildLeads(b);
  b.row('system_components', { component: 'whatsapp', status: 'operational', message: null, updated_at: b.at(0.01) });
  b.row('system_components', { component: 'api', status: 'operational', message: null, updated_at: b.at(0.01) });
  b.row('system_components', {
    component: 'billing',
    status: 'degraded',
    message: 'Atraso na emissão de boletos e notas fiscais; equipe atuando.',
    updated_at: b.at(0.05),
  });
  b.row('system_components', { component: 'dashboard', status: 'operational', message: null, updated_at: b.at(0.01) });
  buildErrorLogs(b);
  return b.data;
}

/** What the platform logged for a few accounts: Roberto's PDV outage, a rejected NF-e, a failed send. */
function buildErrorLogs(b: DatasetBuilder): void {
  const logs: [string, string, string, 'warning' | 'error' | 'critical', string, string, number][] = [
    [
      'err-0001',
      'contact-roberto',
      'pdv',
      'critical',
      'PDV_SYNC_TIMEOUT',
      'PDV sem resposta do servidor (timeout 30 s) no caixa 2.',
      1.2,
    ],
    [
      'err-0002',
      'contact-roberto',
      'pdv',
      'critical',
      'PDV_SYNC_TIMEOUT',
      'PDV sem resposta do servidor (timeout 30 s) no caixa 1.',
      1.1,
    ],
    ['err-0003', 'contact-roberto', 'api', 'error', 'API_503', 'API devolveu 503 ao sincronizar vendas offline.', 1.0],
    [
      'err-0004',
      'contact-carlos',
      'billing',
      'error',
      'NFE_REJECTED_539',
      'NF-e rejeitada pela SEFAZ: duplicidade de NF-e (539).',
      4,
    ],
    [
      'err-0005',
      'contact-carlos',
      'whatsapp',
      'warning',
      'WA_SEND_RETRY',
      'Envio de WhatsApp reenviado após limite de taxa.',
      40,
    ],
    [
      'err-0006',
      'contact-ana',
      'whatsapp',
      'error',
      'WA_TEMPLATE_REJECTED',
      'Modelo de mensagem recusado pela Meta.',
      2,
    ],
  ];
  for (const [id, contact_id, component, level, code, message, days] of logs) {
    b.row('error_logs', { id, contact_id, component, level, code, message, occurred_at: b.at(days) });
  }
}
