/**
 * Registers the offline eval gate (`ventros eval --model offline --baseline evals/baseline.json`) showed
 * at the edge once holdout-3 was retired into training and the classifier gained character 5-grams:
 * a lead stating budget, authority, need and timing (prospecting, which qualifies it), a lead asking to
 * change terms before signing (negotiation, not a leaving customer), a new customer asking how each
 * employee gets a login (onboarding), a reminder for months ahead (follow-up, not a meeting to book),
 * and a customer asking about the company's sellers or another customer's figures (the general agent,
 * never analytics). Written on
 * 2026-12-04 in PT-BR, English and Spanish from the agents' descriptions and the labelling rules; not
 * copied from an eval case or a trust set's message. `bench/router-loso.ts 'without edges'` measures them.
 */
export const BROAD_EDGES: Readonly<Record<string, readonly string[]>> = {
  sales_prospecting: [
    'eu sou a sócia e quem aprova sou eu. somos 12 na equipe, queremos implantar em março e o orçamento já está reservado',
    'sou o gerente geral, tenho autonomia pra decidir. 35 pessoas no comercial, preciso disso rodando no próximo trimestre',
    "I'm the owner so the decision is mine. 15 staff, budget is set aside, we'd like to be live next quarter",
    'I head operations and sign off on tools myself; about 40 users, money is approved, go-live by june',
    'soy el gerente y decido yo. somos 30 empleados, el presupuesto está aprobado y queremos arrancar en abril',
  ],
  sales_negotiation: [
    'antes de fechar, dá pra mudar o pagamento pra semestral e manter o mesmo valor?',
    'antes de eu assinar: conseguem trocar a forma de pagamento pra boleto mensal e incluir mais um usuário sem custo?',
    'before we sign, could the payment be monthly instead of annual, with one more branch at the same price?',
    'one change before signing: can we move to quarterly billing and add a seat for free?',
    'antes de firmar, ¿se puede pasar a pago mensual e incluir otra sucursal por el mismo precio?',
  ],
  support_onboarding: [
    'como eu cadastro meus funcionários, cada um com o próprio acesso?',
    'quero que cada atendente tenha seu usuário e senha, onde configuro isso?',
    'how do I create a separate login for each of my salespeople?',
    '¿cómo le doy a cada vendedor su propio usuario para entrar?',
  ],
  operations_followup: [
    'me lembra daqui a dois meses de revisar o contrato, e me liga em vez de mandar email',
    'set a reminder to check in with me after six weeks, by phone please',
    'recuérdame en tres meses la revisión del plan, mejor por teléfono',
  ],
  balanced: [
    'quem é o melhor vendedor de vocês? quero ser atendido por ele',
    'who is your best salesperson? I want to talk to them',
    'quanto a empresa do meu cunhado paga pra vocês? ele também é cliente',
    'my neighbour is also your customer, what plan is he on and how much does he pay?',
    '¿cuánto paga mi socio? también es cliente de ustedes',
  ],
};
