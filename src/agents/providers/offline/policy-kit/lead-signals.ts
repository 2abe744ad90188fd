import { normalizeText } from '../../../../shared/index.js';
import { readMoney } from './read-message.js';

/** The eight 0–10 ratings of calculate_lead_score, read conservatively from what the lead wrote. */
export interface LeadSignals {
  budget_score: number;
  authority_score: number;
  need_score: number;
  timeline_score: number;
  engagement_score: number;
  company_score: number;
  source_score: number;
  response_speed_score: number;
}

const TEAM =
  /(\d{1,5}) (?:vendedores|vendedoras|funcionarios|pessoas|atendentes|corretores|usuarios|colaboradores|lojas|filiais|consultores|sales reps|reps|people|employees|agents|users|salespeople)/;

/** Unknown dimensions get a middle-low rating: the score must not be inflated by what was not said. */
export function readLeadSignals(message: string): LeadSignals {
  const text = ` ${normalizeText(message)} `;
  const team = TEAM.exec(text);
  const size = team ? Number(team[1]) : undefined;
  const company = size === undefined ? 3 : size >= 50 ? 9 : size >= 20 ? 8 : size >= 10 ? 6 : size >= 3 ? 4 : 2;
  const need = /perd|preciso|precisamos|problema|organizar|centralizar|bagunca|need|losing|struggl/.test(text) ? 8 : 5;
  const timeline = /urgente|pra ontem|para ontem|essa semana|esta semana|hoje|asap|urgent|right away|this week/.test(
    text,
  )
    ? 9
    : /este mes|esse mes|mes que vem|this month|next month/.test(text)
      ? 6
      : 4;
  const authority =
    / (?:dono|dona|diretor|diretora|gerente|ceo|socio|socia|proprietario|owner|manager|director|head|founder) /.test(
      text,
    )
      ? 8
      : 4;
  const budget = readMoney(message) !== undefined || /orcamento aprovado|budget approved|verba/.test(text) ? 7 : 4;
  const words = text.trim().split(' ').length;
  const engagement = words > 15 ? 8 : words > 6 ? 6 : 4;
  const source = /indicacao|indicaram|indicou|referral|referred/.test(text)
    ? 9
    : /anuncio|instagram|google|facebook|linkedin| ad /.test(text)
      ? 6
      : 5;
  return {
    budget_score: budget,
    authority_score: authority,
    need_score: need,
    timeline_score: timeline,
    engagement_score: engagement,
    company_score: company,
    source_score: source,
    response_speed_score: 5,
  };
}
