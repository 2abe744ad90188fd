import { type BaseAgent, LlmAgent } from '../../runtime/index.js';
import {
  type PatternFactory,
  PLAIN_AGENT_CALLBACKS,
  routeHint,
  routeHintCallback,
  transferPolicy,
} from './pattern-factory.js';

/** Name of the hierarchy's root. */
export const HIERARCHY_ROOT_NAME = 'ceo_agent';

/** Directors and the specialists each coordinates (the seed's organisational tree). */
export const DIRECTORS = {
  sales_director: ['sales_prospecting', 'sales_negotiation', 'sales_closing'],
  support_director: ['support_technical', 'support_billing'],
  retention_director: ['retention_churn', 'retention_upsell'],
} as const satisfies Record<string, readonly string[]>;

type DirectorName = keyof typeof DIRECTORS;

const DIRECTOR_LABELS: Record<DirectorName, string> = {
  sales_director: 'vendas (prospecção, negociação, fechamento)',
  support_director: 'suporte (técnico e cobrança)',
  retention_director: 'retenção (cancelamento e upsell)',
};

/** The director whose team includes the routed template; sales by default. */
function directorFor(state: Readonly<Record<string, unknown>>): DirectorName {
  for (const [director, team] of Object.entries(DIRECTORS) as Array<[DirectorName, readonly string[]]>) {
    if (routeHint(state, team)) return director;
  }
  return 'sales_director';
}

/**
 * The seed's Hierarchical pattern: a CEO agent transfers to a director, the director transfers to one
 * of its specialists, and the specialist answers — three levels, every agent reachable with
 * `findAgent` from the root. With the offline model, the semantic router's pick (stored once by the
 * root) drives both transfers.
 */
export function createHierarchy(factory: PatternFactory): BaseAgent {
  const directors = (Object.keys(DIRECTORS) as DirectorName[]).map((director) => {
    const team = DIRECTORS[director].filter((id) => {
      try {
        factory.template(id);
        return true;
      } catch {
        return false;
      }
    });
    const specialists = team.map((id) => factory.createAgent(id, { subAgents: [] }));
    return new LlmAgent({
      name: director,
      description: `Diretor de ${DIRECTOR_LABELS[director]}: encaminha ao especialista da equipe.`,
      instruction: `Você coordena a equipe de ${DIRECTOR_LABELS[director]} do Ventros CRM.
Transfira a conversa para o especialista certo da sua equipe (ferramentas transfer_to_<especialista>):
${team.map((id) => `- ${id}: ${factory.template(id).description}`).join('\n')}
Não responda você mesmo ao cliente.`,
      model: factory.model,
      subAgents: specialists,
      temperature: 0.2,
      offline: transferPolicy((_m, state) => routeHint(state, team) ?? team[0] ?? 'balanced'),
      callbacks: PLAIN_AGENT_CALLBACKS,
    });
  });
  return new LlmAgent({
    name: HIERARCHY_ROOT_NAME,
    description: 'Raiz da hierarquia: decisões estratégicas; encaminha a um diretor.',
    instruction: `Você é o agente CEO do Ventros CRM. Encaminhe cada conversa ao diretor certo:
${(Object.keys(DIRECTORS) as DirectorName[]).map((d) => `- ${d}: ${DIRECTOR_LABELS[d]}`).join('\n')}
Use transfer_to_<diretor>. Não responda você mesmo ao cliente.`,
    model: factory.model,
    subAgents: directors,
    temperature: 0.2,
    offline: transferPolicy((_m, state) => directorFor(state)),
    callbacks: routeHintCallback(factory),
  });
}
