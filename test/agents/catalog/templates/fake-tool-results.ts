/**
 * Sample results shaped like the tool servers' outputs (see src/servers/**), for driving offline
 * policies without a store. Each takes the call's arguments so echoes (discount, period) are real.
 */
type Fake = (args: Record<string, unknown>) => unknown;

const period = (name: unknown) => ({
  name: typeof name === 'string' ? name : 'last_30_days',
  from: '2026-11-21T00:00:00.000Z',
  to: '2026-11-22T00:00:00.000Z',
  timezone: 'UTC',
});

export const CUSTOMER_VALUE = {
  contact_id: 'contact-carlos',
  name: 'Carlos Mendes',
  tier: 'premium',
  status: 'customer',
  clv: 38400,
  value_segment: 'high',
  customer_since: '2024-06-01T00:00:00.000Z',
  tenure_months: 29,
  purchases: { count: 8, total: 38400, last_at: '2026-10-01T00:00:00.000Z' },
  open_tickets: 1,
  offers_made: 1,
  requires_supervisor: false,
};

export const FAKE_RESULTS: Record<string, Fake> = {
  search_memory: () => ({
    memories: [
      { id: 'm1', contact_id: 'contact-carlos', content: 'Carlos reclamou do preço do Plano Pro em outubro.', memory_type: 'complaint', relevance_score: 0.9, importance: 0.7, created_at: '2026-10-02T00:00:00.000Z', metadata: {}, related: [] },
    ],
    total_count: 1,
    search_latency_ms: 3,
    metadata: { vector_matches: 1, keyword_matches: 1, graph_matches: 0, vector_weight: 0.5, keyword_weight: 0.2, graph_weight: 0.3, mode: 'HYBRID', strategy: 'retention_churn' },
  }),
  get_contact_context: () => ({
    profile: { contact_id: 'contact-carlos', name: 'Carlos Mendes', phone: null, email: null, tier: 'premium', tags: [], custom_fields: {} },
    recent_memories: [],
    recent_messages: [],
    stats: { total_messages: 10, total_purchases: 8, lifetime_value: 38400, first_contact: null, last_activity: null, open_tickets: 1, complaints: 2, offers_received: 1, sentiment_average: -0.2, churn_risk: 0.6 },
    latency_ms: 2,
  }),
  store_memory: () => ({ memory_id: 'mem-77', success: true, latency_ms: 1 }),
  check_customer_value: () => CUSTOMER_VALUE,
  get_past_offers: () => ({
    contact_id: 'contact-carlos',
    offers: [{ offer_id: 'offer-1', discount_percent: 20, offer_type: 'discount', reason: 'x', status: 'rejected', created_by: 'ai', valid_until: null, created_at: '2026-01-01' }],
    attempts_used: 1,
    attempts_left: 2,
    max_attempts: 3,
  }),
  create_retention_offer: (args) => ({
    offer: {
      offer_id: 'offer-123',
      discount_percent: args.discount_percent,
      offer_type: 'discount',
      reason: args.reason,
      status: 'pending',
      created_by: 'ai:retention',
      valid_until: '2026-11-28T12:00:00.000Z',
      created_at: '2026-11-21T12:00:00.000Z',
    },
    duration_months: args.duration_months ?? 3,
    discount_value: 720,
    attempts_used: 2,
    attempts_left: 1,
    message: 'Oferta criada',
  }),
  escalate_to_supervisor: (args) => ({
    escalation_id: 'esc-42',
    contact_id: 'contact-carlos',
    target: 'supervisor',
    severity: args.severity,
    priority: Number(args.severity) >= 8 ? 'urgent' : 'normal',
    status: 'open',
    created_at: '2026-11-21T12:00:00.000Z',
  }),
  calculate_lead_score: () => ({
    total_score: 82,
    classification: 'hot',
    recommended_action: 'assign_immediately',
    breakdown: { bant: 30, engagement: 16, company: 18, source: 9, response_speed: 9 },
    lead: null,
  }),
  qualify_lead: () => ({
    lead: { lead_id: 'lead-9', contact_id: 'contact-carlos', stage_id: 'new', status: 'open', score: null, classification: null, assigned_agent_id: null },
    bant: {},
    bant_points: 20,
    score: null,
    next_step: 'Score the lead with calculate_lead_score',
  }),
  assign_to_agent: (args) => ({
    lead: { lead_id: 'lead-9', contact_id: 'contact-carlos', stage_id: 'qualified', status: 'open', score: 82, classification: 'hot', assigned_agent_id: 'agent-joao' },
    agent: { agent_id: 'agent-joao', name: 'João Silva' },
    strategy: 'best_conversion',
    reason: 'best conversion rate over 90 days: 40% (4/10)',
    priority: args.priority ?? 'normal',
  }),
  update_pipeline_stage: (args) => ({
    lead: { lead_id: 'lead-9', contact_id: 'contact-carlos', stage_id: args.stage_id, status: 'open', score: 70, classification: 'warm', assigned_agent_id: null },
    previous_stage: 'new',
    reason: null,
  }),
  create_follow_up_task: (args) => ({
    task_id: 'task-5',
    title: args.title,
    due_at: typeof args.due_at === 'string' ? args.due_at : '2026-11-22T12:00:00.000Z',
    contact_id: 'contact-carlos',
    lead_id: null,
    agent_id: null,
    status: 'open',
  }),
  create_ticket: (args) => ({
    ticket: {
      ticket_id: 'ticket-31',
      contact_id: 'contact-carlos',
      subject: args.subject,
      category: args.category ?? 'technical',
      priority: 'high',
      severity: args.severity ?? 5,
      status: 'open',
      assigned_team: 'support',
      created_at: '2026-11-21T12:00:00.000Z',
    },
  }),
  escalate_to_engineering: () => ({
    ticket: { ticket_id: 'ticket-31', contact_id: 'contact-carlos', subject: 's', category: 'technical', priority: 'urgent', severity: 8, status: 'escalated', assigned_team: 'engineering', created_at: '2026-11-21T12:00:00.000Z' },
    escalation_id: 'esc-eng-1',
  }),
  check_system_status: () => ({
    overall: 'outage',
    components: [{ component: 'whatsapp', status: 'outage', message: 'Envio de mensagens interrompido', updated_at: '2026-11-21T11:00:00.000Z' }],
  }),
  get_leads_count: (args) => ({
    period: period(args.period),
    total_leads: 47,
    qualified_leads: 12,
    converted_leads: 5,
    lost_leads: 3,
    won_value: 24000,
    by_source: { instagram: 30, google: 17 },
    by_classification: {},
    by_stage: {},
    from_cache: false,
  }),
  get_agent_conversion_stats: (args) => ({
    period: period(args.period),
    agents: [
      { agent_id: 'agent-joao', name: 'João Silva', kind: 'human', team: 'sales', active: true, leads_assigned: 20, conversions: 9, lost: 2, conversion_rate: 45, revenue: 43200, conversations: 30, messages_sent: 200, avg_response_seconds: 138, avg_conversation_sentiment: 0.4 },
      { agent_id: 'agent-maria', name: 'Maria Souza', kind: 'human', team: 'sales', active: true, leads_assigned: 18, conversions: 5, lost: 4, conversion_rate: 27.8, revenue: 24000, conversations: 25, messages_sent: 150, avg_response_seconds: 342, avg_conversation_sentiment: 0.1 },
    ],
    totals: { leads_assigned: 38, conversions: 14, conversion_rate: 36.8 },
    from_cache: false,
  }),
  get_top_performing_agent: (args) => ({
    period: period(args.period),
    metric: args.metric ?? 'conversion_rate',
    winner: { agent_id: 'agent-joao', name: 'João Silva', kind: 'human', team: 'sales', active: true, leads_assigned: 20, conversions: 9, lost: 2, conversion_rate: 45, revenue: 43200, conversations: 30, messages_sent: 200, avg_response_seconds: 138, avg_conversation_sentiment: 0.4 },
    value: 45,
    ranking: [
      { agent_id: 'agent-joao', name: 'João Silva', value: 45 },
      { agent_id: 'agent-maria', name: 'Maria Souza', value: 27.8 },
    ],
    from_cache: false,
  }),
  compare_agents: (args) => ({
    period: period(args.period),
    agents: [
      { agent_id: 'agent-joao', name: 'João Silva', kind: 'human', team: 'sales', active: true, leads_assigned: 20, conversions: 9, lost: 2, conversion_rate: 45, revenue: 43200, conversations: 30, messages_sent: 200, avg_response_seconds: 138, avg_conversation_sentiment: 0.4 },
      { agent_id: 'agent-maria', name: 'Maria Souza', kind: 'human', team: 'sales', active: true, leads_assigned: 18, conversions: 5, lost: 4, conversion_rate: 27.8, revenue: 24000, conversations: 25, messages_sent: 150, avg_response_seconds: 342, avg_conversation_sentiment: 0.1 },
    ],
    dimensions: [
      { name: 'conversion_rate', a: 45, b: 27.8, winner: 'João Silva', lower_is_better: false },
      { name: 'avg_response_seconds', a: 138, b: 342, winner: 'João Silva', lower_is_better: true },
    ],
    overall_winner: 'João Silva',
    insights: ['João Silva responde 2.5x mais rápido (138 s vs 342 s)'],
    from_cache: false,
  }),
  analyze_agent_messages: () => ({
    agent: { agent_id: 'agent-maria', name: 'Maria Souza', kind: 'human', team: 'sales' },
    period: period('last_30_days'),
    stats: { agent_id: 'agent-maria', name: 'Maria Souza', kind: 'human', team: 'sales', active: true, leads_assigned: 18, conversions: 5, lost: 4, conversion_rate: 27.8, revenue: 24000, conversations: 25, messages_sent: 150, avg_response_seconds: 342, avg_conversation_sentiment: 0.1 },
    indicators: { messages_analyzed: 20, avg_words_per_message: 14.5, question_ratio: 0.2, exclamation_ratio: 0.1, avg_message_sentiment: 0.1, personalization_ratio: 0.3 },
    customer_sentiment: 0.15,
    converting_words: [{ word: 'proposta', lift: 2.1, in_converted: 5, in_other: 1 }],
    samples: [],
    from_cache: false,
  }),
  aggregate_scores: () => ({ dimensions: {}, sample_size: 0 }),
  generate_recommendations: () => ({
    recommendations: ['Adotar templates para perguntas comuns + priorização de urgentes'],
    unmatched_weaknesses: [],
    keep_doing: [],
  }),
  agent_analyzer: () => 'João converte mais porque responde 2.5x mais rápido (138 s vs 342 s).',
  transfer_to_support_billing: () => 'Transferred to support_billing.',
};
