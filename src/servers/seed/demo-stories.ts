import type { DatasetBuilder } from './dataset-builder.js';
import { CONTACTS, SALES_DIALOGUES, SALES_LINES } from './demo-catalog.js';

/** The contacts the demos and tests talk about, with their histories. */
export function buildStories(b: DatasetBuilder): void {
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
  // Past churn cases about price (search_similar_churn_cases): one kept with 20 %, one left anyway.
  b.offer('contact-bruno', 20, 'Preço alto após o reajuste', 'accepted', 'agent-carla', 70);
  b.offer(
    'contact-henrique',
    20,
    'Preço alto após o reajuste; concorrente mais barato',
    'rejected',
    'ai-retention',
    120,
  );
}

/** Leads: João converts far more than Maria; several leads arrive today. */
export function buildLeads(b: DatasetBuilder): void {
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
