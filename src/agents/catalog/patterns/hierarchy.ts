import { type BaseAgent, LlmAgent } from '../../runtime/index.js';
import { type PatternFactory, routeHintCallback } from './pattern-factory.js';
import { DIRECTORS, type DirectorName, HIERARCHY_ROOT_NAME } from './pattern-names.js';

const DIRECTOR_LABELS: Record<DirectorName, string> = {
  sales_director: 'vendas (prospecção, negociação, fechamento)',
  support_director: 'suporte (técnico e cobrança)',
  retention_director: 'retenção (cancelamento e upsell)',
};

/**
 * The seed's Hierarchical pattern: a CEO agent hands off to a director, the director hands off to one
 * of its specialists, and the specialist answers — three levels, every agent reachable with
 * `findAgent` from the root. The root stores the semantic router's pick for the message in state
 * (ROUTE_HINT_KEY); the offline model's directors follow it.
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
    callbacks: routeHintCallback(factory),
  });
}
