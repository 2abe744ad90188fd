import { createRng, DatasetBuilder, type TenantDataset } from './dataset-builder.js';

export const ENGLISH_TENANT_ID = 'tenant-acme';
export const ISOLATION_TENANT_ID = 'tenant-isolation';

/** An English-speaking company (USD), a smaller dataset. */
export function buildEnglishTenant(now: Date): TenantDataset {
  const b = new DatasetBuilder(
    {
      id: ENGLISH_TENANT_ID,
      name: 'Acme Analytics Inc.',
      locale: 'en-US',
      currency: 'USD',
      timeZone: 'America/New_York',
    },
    now,
    createRng(7),
  );
  for (const [id, name, position, probability] of [
    ['new', 'New', 1, 0.1],
    ['qualified', 'Qualified', 2, 0.3],
    ['proposal', 'Proposal', 3, 0.5],
    ['won', 'Won', 4, 1],
    ['lost', 'Lost', 5, 0],
  ] as const) {
    b.row('pipeline_stages', { id, name, position, probability });
  }
  b.row('campaigns', {
    id: 'camp-webinar',
    name: 'Data Webinar Series',
    channel: 'email',
    budget: 5000,
    started_at: b.at(60),
    ended_at: null,
  });
  b.node('campaign', 'camp-webinar', 'Data Webinar Series');
  b.product('product-starter', 'Starter Plan', 600);
  b.product('product-growth', 'Growth Plan', 2400);
  b.agent({ id: 'agent-emma', name: 'Emma Clark', kind: 'human', team: 'sales' });
  b.agent({ id: 'agent-liam', name: 'Liam Turner', kind: 'human', team: 'support' });
  b.agent({ id: 'ai-assistant', name: 'Acme Assistant', kind: 'ai', team: 'support' });
  const people = [
    ['contact-alice', 'Alice Walker', 'customer', 'premium', 7200, 300],
    ['contact-bob', 'Bob Harris', 'customer', 'standard', 1200, 200],
    ['contact-chloe', 'Chloe Adams', 'lead', 'standard', 0, 0],
    ['contact-david', 'David Brooks', 'customer', 'standard', 2400, 400],
    ['contact-ella', 'Ella Morgan', 'lead', 'standard', 0, 10],
    ['contact-frank', 'Frank Miller', 'churned', 'standard', 600, 500],
  ] as const;
  for (const [id, name, status, tier, ltv, days] of people) {
    b.contact({
      id,
      name,
      status,
      tier,
      lifetime_value: ltv,
      language: 'en',
      email: `${id.slice(8)}@example.com`,
      customer_since: status === 'lead' ? null : b.at(days),
      createdDaysAgo: days,
    });
    if (ltv > 0)
      b.purchase(
        id,
        ltv >= 2400 ? 'product-growth' : 'product-starter',
        ltv >= 2400 ? 'Growth Plan' : 'Starter Plan',
        ltv,
        Math.max(3, days - 10),
      );
  }
  b.conversation(
    'contact-alice',
    'agent-emma',
    4,
    [
      [false, 'Our dashboards got slow after the last release.', -0.3],
      [true, 'Thanks Alice, I have escalated it to engineering.'],
    ],
    'Alice reported slow dashboards after the last release; escalated to engineering.',
    ['performance'],
  );
  b.ticket(
    'contact-bob',
    {
      subject: 'Billing question',
      description: 'Bob was charged twice for the Starter Plan.',
      category: 'billing',
      priority: 'medium',
      severity: 4,
      status: 'open',
    },
    2,
  );
  b.memory('contact-david', 'preference', 'David prefers phone calls over email and wants quarterly reviews.', 30);
  b.lead(
    'contact-chloe',
    {
      agentId: 'agent-emma',
      status: 'open',
      stage: 'qualified',
      score: 72,
      value: 2400,
      campaignId: 'camp-webinar',
      source: 'email',
    },
    b.today(0.5),
  );
  b.lead(
    'contact-ella',
    { agentId: 'agent-emma', status: 'open', stage: 'new', score: 35, value: 600, source: 'website' },
    10,
  );
  b.row('system_components', { component: 'api', status: 'operational', message: null, updated_at: b.at(0.01) });
  b.row('system_components', {
    component: 'dashboard',
    status: 'degraded',
    message: 'Slow dashboard queries; fix rolling out.',
    updated_at: b.at(0.1),
  });
  return b.data;
}

/**
 * A small tenant for isolation tests: the SAME contact ids as the demo tenant (contact-carlos,
 * contact-ana) and deliberately similar texts, each marked "ISOLATION", so a leak is easy to see.
 */
export function buildIsolationTenant(now: Date): TenantDataset {
  const b = new DatasetBuilder(
    { id: ISOLATION_TENANT_ID, name: 'Isolamento Teste ME', locale: 'pt-BR', currency: 'BRL' },
    now,
    createRng(99),
  );
  b.product('product-plano-pro', 'Plano Pro', 4800);
  b.agent({ id: 'agent-joao', name: 'João Isolado', kind: 'human', team: 'sales' });
  b.contact({
    id: 'contact-carlos',
    name: 'Carlos Isolado',
    status: 'customer',
    tier: 'standard',
    lifetime_value: 4800,
    createdDaysAgo: 100,
  });
  b.contact({ id: 'contact-ana', name: 'Ana Isolada', status: 'lead', tier: 'standard', createdDaysAgo: 3 });
  b.purchase('contact-carlos', 'product-plano-pro', 'Plano Pro', 4800, 90, 'ISOLATION tenant.');
  b.conversation(
    'contact-carlos',
    'agent-joao',
    2,
    [[false, 'ISOLATION: o preço está caro demais, quero cancelar.', -0.7]],
    'ISOLATION: Carlos quer cancelar por causa do preço alto.',
    ['cancelamento'],
  );
  b.ticket(
    'contact-carlos',
    {
      subject: 'ISOLATION reclamação de preço',
      description: 'ISOLATION: cliente acha caro e quer cancelar.',
      category: 'complaint',
      priority: 'high',
      severity: 8,
      status: 'open',
    },
    2,
  );
  b.memory('contact-ana', 'preference', 'ISOLATION: Ana prefere WhatsApp e integração com WhatsApp.', 2);
  b.lead('contact-ana', { agentId: 'agent-joao', status: 'open', stage: 'new', score: 50, value: 1200 }, b.today(0.5));
  b.row('error_logs', {
    id: 'err-iso-1',
    contact_id: 'contact-carlos',
    component: 'billing',
    level: 'error',
    code: 'ISOLATION_NFE',
    message: 'ISOLATION: NF-e rejeitada.',
    occurred_at: b.at(1),
  });
  return b.data;
}
