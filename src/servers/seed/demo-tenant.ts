import { createRng, DatasetBuilder, type TenantDataset } from './dataset-builder.js';

export const DEMO_TENANT_ID = 'tenant-demo';

const PRODUCTS = [
  ['product-plano-basico', 'Plano Básico', 1200],
  ['product-plano-pro', 'Plano Pro', 4800],
  ['product-plano-enterprise', 'Plano Enterprise', 18000],
  ['product-modulo-fiscal', 'Módulo Fiscal', 2400],
  ['product-integracao-whatsapp', 'Integração WhatsApp', 1500],
  ['product-treinamento', 'Treinamento da equipe', 900],
] as const;

// [id, name, status, tier, lifetime value, company, days since created]
const CONTACTS: readonly (readonly [
  string,
  string,
  'lead' | 'customer' | 'churned',
  'standard' | 'premium' | 'enterprise',
  number,
  string,
  number,
])[] = [
  ['contact-ana', 'Ana Oliveira', 'customer', 'premium', 9600, 'Boutique Flor de Lis', 420],
  ['contact-carlos', 'Carlos Mendes', 'customer', 'premium', 38400, 'Mercado Bom Preço', 900],
  ['contact-beatriz', 'Beatriz Santos', 'customer', 'standard', 3600, 'Ótica Visão', 300],
  ['contact-daniel', 'Daniel Rocha', 'customer', 'standard', 2400, 'Pet Shop Amigo Fiel', 260],
  ['contact-eduarda', 'Eduarda Lima', 'customer', 'premium', 14400, 'Farmácia Saúde Já', 520],
  ['contact-fernando', 'Fernando Alves', 'customer', 'standard', 6000, 'Padaria Pão Quente', 610],
  ['contact-gabriela', 'Gabriela Ferreira', 'customer', 'standard', 2100, 'Studio Gabi Fitness', 150],
  ['contact-helena', 'Helena Costa', 'customer', 'enterprise', 72500, 'Rede Supermercados Costa', 1100],
  ['contact-henrique', 'Henrique Barbosa', 'churned', 'standard', 3600, 'Auto Peças Barbosa', 700],
  ['contact-isabela', 'Isabela Ribeiro', 'customer', 'premium', 11200, 'Loja Bella Moda', 380],
  ['contact-joaquim', 'Joaquim Pereira', 'customer', 'standard', 1200, 'Empório do Joaquim', 90],
  ['contact-larissa', 'Larissa Gomes', 'lead', 'standard', 0, 'Doceria Doce Lar', 12],
  ['contact-marcos', 'Marcos Teixeira', 'customer', 'premium', 19800, 'Distribuidora MT', 800],
  ['contact-natalia', 'Natália Carvalho', 'lead', 'standard', 0, 'Clínica Bem Estar', 5],
  ['contact-otavio', 'Otávio Martins', 'customer', 'standard', 4800, 'Livraria Martins', 330],
  ['contact-paula', 'Paula Araújo', 'lead', 'standard', 0, 'Papelaria Arte & Papel', 20],
  ['contact-rafael', 'Rafael Nunes', 'lead', 'standard', 0, 'Atacadão Nunes', 0],
  ['contact-roberto', 'Roberto Dias', 'customer', 'premium', 22800, 'Eletro Dias', 640],
  ['contact-sofia', 'Sofia Cardoso', 'lead', 'standard', 0, 'Sorveteria Gelato', 0],
  ['contact-tiago', 'Tiago Moreira', 'lead', 'standard', 0, 'Oficina Moreira', 0],
  ['contact-vanessa', 'Vanessa Castro', 'customer', 'standard', 2400, 'Salão Vanessa', 210],
  ['contact-wagner', 'Wagner Pinto', 'lead', 'standard', 0, 'Construtora Pinto', 40],
  ['contact-yasmin', 'Yasmin Freitas', 'lead', 'standard', 0, 'Yas Cosméticos', 0],
  ['contact-bruno', 'Bruno Cavalcanti', 'customer', 'standard', 5700, 'Bar do Bruno', 450],
  ['contact-camila', 'Camila Rezende', 'customer', 'premium', 9900, 'Camila Kids', 290],
  ['contact-diego', 'Diego Monteiro', 'lead', 'standard', 0, 'Academia Força Total', 60],
  ['contact-elisa', 'Elisa Campos', 'customer', 'standard', 3300, 'Floricultura Campos', 180],
  ['contact-felipe', 'Felipe Azevedo', 'lead', 'standard', 0, 'Açougue Azevedo', 25],
  ['contact-igor', 'Igor Batista', 'lead', 'standard', 0, 'Batista Tech', 0],
  ['contact-juliana', 'Juliana Prado', 'customer', 'standard', 4200, 'Ju Acessórios', 240],
  ['contact-leonardo', 'Leonardo Vieira', 'lead', 'standard', 0, 'Vieira Imóveis', 75],
  ['contact-mariana', 'Mariana Lopes', 'customer', 'premium', 15600, 'Lopes Calçados', 560],
];

const SALES_LINES = [
  'Olá! Vi o anúncio de vocês, como funciona o sistema para a minha loja?',
  'Quanto custa o Plano Pro? Tenho duas lojas.',
  'Vocês emitem nota fiscal pelo sistema?',
  'Gostei, pode me mandar a proposta?',
];

// Sales conversations behind the historical leads: [customer, agent, customer, summary] per outcome.
const SALES_DIALOGUES = {
  won: [
    [
      'Quero entender o Plano Pro para a minha loja.',
      'Claro! Ele inclui estoque, PDV e nota fiscal. Posso fazer uma demonstração hoje.',
      'A demonstração foi ótima, vamos fechar.',
      'demonstrou o Plano Pro no mesmo dia e fechou a venda.',
    ],
    [
      'Vocês atendem rede com várias lojas?',
      'Sim, o Enterprise centraliza todas as lojas. Montei uma proposta com o seu volume.',
      'Proposta aprovada, pode enviar o contrato.',
      'respondeu rápido com proposta personalizada e converteu.',
    ],
  ],
  lost: [
    [
      'Quanto custa o sistema?',
      'O Plano Pro custa R$ 4.800 por ano.',
      'Achei caro, vou continuar com a planilha.',
      'informou só o preço, sem demonstrar valor; cliente desistiu pelo preço.',
    ],
    [
      'Tem teste grátis?',
      'Não temos teste, mas o plano é bom.',
      'Então vou procurar outro fornecedor.',
      'não ofereceu alternativa ao teste grátis; lead perdido.',
    ],
  ],
  open: [
    [
      'Estou comparando sistemas de gestão.',
      'Posso te mandar um comparativo e agendar uma conversa.',
      'Pode mandar, vou analisar.',
      'enviou comparativo; negociação em andamento.',
    ],
    [
      'Preciso de emissão de nota fiscal.',
      'O Módulo Fiscal resolve, posso incluir na proposta.',
      'Inclua sim, obrigado.',
      'incluiu o Módulo Fiscal na proposta; aguardando retorno.',
    ],
  ],
} as const;

/** The demo tenant: a PT-BR SaaS company selling retail management plans. Deterministic for a given `now`. */
export function buildDemoTenant(now: Date): TenantDataset {
  const b = new DatasetBuilder(
    { id: DEMO_TENANT_ID, name: 'Nuvem Varejo Ltda', locale: 'pt-BR', currency: 'BRL' },
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
  return b.data;
}

/** The contacts the demos and tests talk about, with their histories. */
function buildStories(b: DatasetBuilder): void {
  // Carlos: high-value customer, angry about the price increase, wants to cancel.
  b.conversation(
    'contact-carlos',
    'agent-carla',
    3,
    [
      [false, 'O preço subiu demais, está muito caro para o meu mercado.', -0.7],
      [true, 'Entendo, Carlos. Posso verificar as opções do seu plano.'],
      [false, 'Se não baixar o valor eu quero cancelar a assinatura este mês.', -0.8],
      [false, 'O concorrente me ofereceu 30% mais barato.', -0.6],
    ],
    'Carlos reclamou do aumento de preço do Plano Enterprise e disse que quer cancelar se o valor não baixar; citou concorrente 30% mais barato.',
    ['preço', 'cancelamento'],
  );
  b.ticket(
    'contact-carlos',
    {
      subject: 'Reclamação de preço',
      description: 'Cliente achou o reajuste anual abusivo e ameaça cancelar.',
      category: 'complaint',
      priority: 'high',
      severity: 7,
      status: 'open',
    },
    3,
    'product-plano-enterprise',
  );
  b.memory(
    'contact-carlos',
    'complaint',
    'Carlos disse que o sistema ficou caro demais depois do reajuste e que não vê valor no Módulo Fiscal.',
    10,
    {
      importance: 0.8,
      related: [
        { entity_type: 'product', entity_id: 'product-modulo-fiscal', relationship: 'complained_about', strength: 0.7 },
      ],
    },
  );
  b.memory('contact-carlos', 'preference', 'Carlos prefere ser contatado por WhatsApp depois das 14h.', 60, {
    importance: 0.6,
  });
  b.offer('contact-carlos', 10, 'Renovação anual', 'rejected', 'agent-carla', 200);

  // Fernando: three past offers.
  b.offer('contact-fernando', 10, 'Aniversário de cliente', 'accepted', 'agent-carla', 300);
  b.offer('contact-fernando', 15, 'Retenção após reclamação de lentidão', 'accepted', 'ai-retention', 150);
  b.offer('contact-fernando', 20, 'Renovação com upgrade', 'expired', 'agent-carla', 40);
  b.memory('contact-fernando', 'note', 'Fernando só renova com desconto; já recebeu três ofertas em um ano.', 35, {
    importance: 0.7,
  });

  // Helena: the biggest account (CLV > R$ 50.000).
  b.purchase('contact-helena', 'product-modulo-fiscal', 'Módulo Fiscal', 2400, 200, 'Para 12 lojas da rede.');
  b.purchase('contact-helena', 'product-treinamento', 'Treinamento da equipe', 900, 180);
  b.memory(
    'contact-helena',
    'preference',
    'Helena exige relatório mensal de vendas por loja e atendimento prioritário.',
    90,
    { importance: 0.9 },
  );
  b.conversation(
    'contact-helena',
    'agent-joao',
    15,
    [
      [false, 'Queremos expandir para mais 5 lojas no próximo trimestre.', 0.6],
      [true, 'Ótimo! Preparo uma proposta do Enterprise com as novas lojas.'],
    ],
    'Helena planeja expandir a rede em 5 lojas; João vai enviar proposta de expansão do Enterprise.',
    ['expansão'],
  );

  // Roberto: furious, severity 9 ticket about an outage.
  b.ticket(
    'contact-roberto',
    {
      subject: 'Sistema fora do ar no caixa',
      description: 'O PDV parou de funcionar em pleno sábado, perdemos vendas o dia inteiro. Cliente muito irritado.',
      category: 'complaint',
      priority: 'urgent',
      severity: 9,
      status: 'open',
    },
    1,
    'product-plano-pro',
  );
  b.conversation(
    'contact-roberto',
    'ai-support',
    1,
    [
      [false, 'ABSURDO! O sistema caiu no sábado e ninguém me atendeu!', -0.95],
      [true, 'Sinto muito, Roberto. Abri um chamado urgente com a engenharia.'],
      [false, 'Quero ressarcimento pelas vendas perdidas.', -0.8],
    ],
    'Roberto está furioso: o PDV caiu no sábado, perdeu vendas e pede ressarcimento. Chamado urgente aberto.',
    ['instabilidade'],
  );
  b.row('escalations', {
    id: 'esc-0001',
    contact_id: 'contact-roberto',
    target: 'engineering',
    reason: 'PDV fora do ar, cliente premium',
    severity: 9,
    ticket_id: null,
    status: 'open',
    created_at: b.at(0.9),
  });

  // Ana: happy premium customer interested in the WhatsApp integration (upsell).
  b.conversation(
    'contact-ana',
    'agent-maria',
    8,
    [
      [false, 'Estou adorando o sistema! Vocês têm integração com WhatsApp?', 0.8],
      [true, 'Temos sim, Ana! Posso te mostrar uma demonstração.'],
    ],
    'Ana está satisfeita e perguntou sobre a Integração WhatsApp; boa oportunidade de upsell.',
    ['whatsapp'],
  );
  b.edge('contact', 'contact-ana', 'interested_in', 'product', 'product-integracao-whatsapp', 0.8, 8);
  b.memory('contact-ana', 'preference', 'Ana gosta de receber novidades por e-mail e prefere reuniões pela manhã.', 40);

  // A few more complaints and support tickets.
  b.ticket(
    'contact-eduarda',
    {
      subject: 'Erro ao emitir nota fiscal',
      description: 'A emissão de NF-e retorna erro de certificado digital.',
      category: 'technical',
      priority: 'high',
      severity: 6,
      status: 'pending',
    },
    2,
    'product-modulo-fiscal',
  );
  b.ticket(
    'contact-beatriz',
    {
      subject: 'Dúvida sobre relatórios',
      description: 'Não encontra o relatório de estoque mínimo.',
      category: 'onboarding',
      priority: 'low',
      severity: 2,
      status: 'resolved',
    },
    30,
  );
  b.ticket(
    'contact-henrique',
    {
      subject: 'Cancelamento',
      description: 'Cancelou por achar o sistema lento e caro; migrou para concorrente.',
      category: 'complaint',
      priority: 'medium',
      severity: 5,
      status: 'resolved',
    },
    120,
  );
  b.ticket(
    'contact-marcos',
    {
      subject: 'Lentidão no sistema',
      description: 'Relatórios demoram mais de um minuto para abrir.',
      category: 'technical',
      priority: 'medium',
      severity: 5,
      status: 'open',
    },
    6,
    'product-plano-pro',
  );
  b.memory(
    'contact-marcos',
    'complaint',
    'Marcos reclamou da lentidão dos relatórios e não quer pagar mais caro por isso.',
    6,
    { importance: 0.7 },
  );
  b.conversation(
    'contact-isabela',
    'agent-joao',
    12,
    [
      [false, 'Quero treinar minha equipe nova de vendedoras.', 0.4],
      [true, 'Temos o Treinamento da equipe, posso agendar.'],
    ],
    'Isabela quer treinamento para a nova equipe de vendas.',
    ['treinamento'],
  );
  b.offer('contact-marcos', 15, 'Compensação pela lentidão', 'proposed', 'ai-retention', 5);
  b.offer('contact-camila', 10, 'Indicação de cliente', 'accepted', 'agent-maria', 90);
}

/** Leads: João converts far more than Maria; several leads arrive today. */
function buildLeads(b: DatasetBuilder): void {
  const joao = ['won', 'won', 'won', 'won', 'won', 'won', 'won', 'lost', 'lost', 'open'] as const;
  const maria = ['won', 'won', 'lost', 'lost', 'lost', 'lost', 'lost', 'lost', 'open', 'open'] as const;
  const customers = CONTACTS.filter((c) => c[2] !== 'lead').map((c) => c[0]);
  const campaigns = ['camp-black-friday', 'camp-google-ads', 'camp-reativacao'];
  const history = [...joao.map((s) => ['agent-joao', s] as const), ...maria.map((s) => ['agent-maria', s] as const)];
  history.forEach(([agentId, status], i) => {
    const contactId = customers[i % customers.length] as string;
    const score = status === 'won' ? 70 + (i % 25) : status === 'lost' ? 30 + (i % 30) : 55 + (i % 20);
    const stage = status === 'won' ? 'won' : status === 'lost' ? 'lost' : 'proposal';
    b.lead(
      contactId,
      { agentId, status, stage, score, value: 4800 + (i % 4) * 1200, campaignId: campaigns[i % 3] as string },
      20 + i * 9,
    );
    const agentName = agentId === 'agent-joao' ? 'João' : 'Maria';
    const [question, reply, answer, summary] = SALES_DIALOGUES[status][i % 2] as readonly [
      string,
      string,
      string,
      string,
    ];
    b.conversation(
      contactId,
      agentId,
      20 + i * 9,
      [
        [false, question, 0.2],
        [true, reply],
        [false, answer, status === 'won' ? 0.7 : status === 'lost' ? -0.4 : 0.1],
      ],
      `${agentName}: ${summary}`,
      status === 'won' ? ['fechamento'] : status === 'lost' ? ['objeção de preço'] : [],
    );
  });
  // Open leads: today and recent.
  const open: [string, string, number, number, string, string][] = [
    ['contact-rafael', 'agent-joao', 92, b.today(0.8), 'negotiation', 'camp-black-friday'],
    ['contact-sofia', 'agent-maria', 65, b.today(0.6), 'qualified', 'camp-google-ads'],
    ['contact-tiago', 'ai-sales', 40, b.today(0.5), 'new', 'camp-reativacao'],
    ['contact-yasmin', 'agent-joao', 78, b.today(0.3), 'proposal', 'camp-black-friday'],
    ['contact-igor', 'ai-sales', 25, b.today(0.1), 'new', 'camp-google-ads'],
    ['contact-natalia', 'agent-maria', 58, 5, 'qualified', 'camp-google-ads'],
    ['contact-larissa', 'agent-joao', 70, 12, 'proposal', 'camp-black-friday'],
    ['contact-paula', 'agent-maria', 45, 20, 'qualified', 'camp-reativacao'],
    ['contact-wagner', 'ai-sales', 35, 40, 'new', 'camp-google-ads'],
    ['contact-diego', 'agent-maria', 62, 60, 'proposal', 'camp-black-friday'],
    ['contact-felipe', 'ai-sales', 20, 25, 'new', 'camp-reativacao'],
    ['contact-leonardo', 'agent-joao', 55, 75, 'qualified', 'camp-google-ads'],
  ];
  for (const [contactId, agentId, score, days, stage, campaignId] of open) {
    b.lead(contactId, { agentId, status: 'open', stage, score, value: 4800, campaignId }, days);
  }
  b.conversation(
    'contact-rafael',
    'agent-joao',
    b.today(0.8),
    SALES_LINES.map((text) => [false, text, 0.6] as const),
    'Rafael (Atacadão Nunes) quer o Plano Pro para duas lojas com emissão de nota fiscal; pediu proposta hoje. Lead quente.',
    ['plano pro', 'nota fiscal'],
  );
  b.edge('contact', 'contact-rafael', 'interested_in', 'product', 'product-plano-pro', 0.9, 0);
  b.memory('contact-rafael', 'note', 'Rafael tem orçamento aprovado e quer fechar até sexta-feira.', b.today(0.7), {
    importance: 0.8,
  });
  b.row('tasks', {
    id: 'task-0001',
    contact_id: 'contact-rafael',
    lead_id: null,
    agent_id: 'agent-joao',
    title: 'Enviar proposta do Plano Pro',
    due_at: b.at(-1),
    status: 'open',
    created_at: b.at(b.today(0.7)),
  });
}
