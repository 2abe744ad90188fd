import { normalizeText } from '../../../../shared/index.js';
import { readMoney } from './read-message.js';
import { rememberLast } from './remember-last.js';

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
  /(\d{1,5}) (?:vendedores|vendedoras|funcionarios|pessoas|atendentes|corretores|corredores|usuarios|colaboradores|consultores|sales reps|reps|people|employees|agents|users|salespeople|empleados|personas)/;
// A store or branch is a team of its own: counted as five people.
const SITES = /(\d{1,4}|duas|dois|tres|two|three|dos) (?:lojas|filiais|unidades|stores|branches|tiendas|sucursales)/;
const WORD_NUMBERS: Readonly<Record<string, number>> = { duas: 2, dois: 2, dos: 2, two: 2, tres: 3, three: 3 };

const NO_BUDGET =
  /nao sei se tenho verba|nao sei quanto|sem verba|sem orcamento|no budget|sin presupuesto|no tengo presupuesto|nem sei/;
const BUDGET_READY =
  /orcamento aprovado|verba aprovada|tenho orcamento|tenho verba|temos orcamento|temos verba|budget approved|budget signed|have budget|presupuesto aprobado|tenemos presupuesto|tengo presupuesto/;
const DECIDES =
  / (?:eu decido|decido sozinh[oa]|decido eu|quem decide sou eu|i decide|i am the decision|decision maker|yo decido|vp|ceo|dono|dona|dueno|duena|owner|founder|socio|socia|proprietario|diretor|diretora|director) /;
const SOMEONE_ELSE_DECIDES = /quem decide e (?:meu|minha|o|a)|not the decision|no decido yo|decide mi socio/;
const ROLE = / (?:gerente|manager|head|gerente comercial) /;

const lastLeadSignals = rememberLast(leadSignalsOf, (signals) => ({ ...signals }));

/** Unknown dimensions get a middle-low rating: the score must not be inflated by what was not said. */
export function readLeadSignals(message: string): LeadSignals {
  return lastLeadSignals(message);
}

function leadSignalsOf(message: string): LeadSignals {
  const text = ` ${normalizeText(message)} `;
  const team = TEAM.exec(text);
  const sites = SITES.exec(text);
  const siteCount = sites ? (WORD_NUMBERS[sites[1] as string] ?? Number(sites[1])) : undefined;
  const size = team ? Number(team[1]) : siteCount !== undefined ? siteCount * 5 : undefined;
  const company = size === undefined ? 3 : size >= 50 ? 9 : size >= 20 ? 8 : size >= 10 ? 6 : size >= 3 ? 4 : 2;
  const need = /perd|perdiendo|losing|urgente|urgent|quero fechar|want to close|quiero cerrar/.test(text)
    ? 9
    : /preciso|precisamos|necesitamos|problema|organizar|centralizar|bagunca|need|struggl/.test(text)
      ? 8
      : 5;
  const timeline = /ainda hoje|hoje mesmo|today|hoy mismo|pra ontem|para ontem/.test(text)
    ? 10
    : /urgente|essa semana|esta semana|asap|urgent|right away|this week|esta semana/.test(text)
      ? 9
      : /este mes|esse mes|this month|\d semanas|\d weeks|in \d weeks/.test(text)
        ? 8
        : /mes que vem|next month|proximo mes|el mes que viene/.test(text)
          ? 6
          : 4;
  const authority = SOMEONE_ELSE_DECIDES.test(text) ? 3 : DECIDES.test(text) ? 9 : ROLE.test(text) ? 7 : 4;
  const budget = NO_BUDGET.test(text)
    ? 2
    : BUDGET_READY.test(text)
      ? 9
      : readMoney(message) !== undefined || /verba|orcamento|budget|presupuesto/.test(text)
        ? 7
        : 4;
  const words = text.trim().split(' ').length;
  const engagement = words > 20 ? 9 : words > 15 ? 8 : words > 6 ? 6 : 4;
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
    // Reply speed is unknown on a first message; a lead in a hurry is taken to answer fast.
    response_speed_score: timeline >= 8 ? 8 : 5,
  };
}
