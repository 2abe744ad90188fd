import type { Model } from '../../model/index.js';
import { LlmAgent } from '../../runtime/index.js';
import type { KnowledgeScopeCallbacks } from '../knowledge-scope-callbacks.js';
import type { AgentTemplate } from '../template.js';

/**
 * The coordinator's default instruction, used when the catalog has no `coordinator` template: the
 * seed's Coordinator-Worker prompt (always delegate, never answer yourself).
 */
export function coordinatorInstruction(specialists: readonly AgentTemplate[]): string {
  const list = specialists.map((t) => `- ${t.template_id}: ${t.description}`).join('\n');
  return `Você é o coordenador central do CRM Ventros.

PAPEL: analisar cada mensagem e encaminhá-la ao especialista certo.

ESPECIALISTAS DISPONÍVEIS (cada um é uma ferramenta com o mesmo nome):
${list}

PROTOCOLO:
1. Analise a intenção da mensagem do cliente.
2. Escolha o especialista adequado.
3. Delegue chamando a ferramenta do especialista com o pedido do cliente em "request".
4. Devolva a resposta do especialista ao cliente, sem mudar os fatos.

CRÍTICO: SEMPRE delegue. Você não resolve; você encaminha.`;
}

/** The coordinator when the templates do not define one: every routable customer-facing specialist as a tool. */
export function defaultCoordinator(
  options: { model: Model; templates: readonly AgentTemplate[] },
  scopes: KnowledgeScopeCallbacks,
  agentFor: (id: string) => LlmAgent,
): LlmAgent {
  // Agents without intent examples (the retention supervisor) are tools of one specialist, not routes.
  const specialists = options.templates.filter(
    (t) => t.customer_facing && t.category !== 'coordinator' && t.intent_examples.length > 0,
  );
  return new LlmAgent({
    name: 'coordinator',
    description: 'Routes each message to the right specialist and returns its answer.',
    instruction: coordinatorInstruction(specialists),
    model: options.model,
    customerFacing: true,
    tools: specialists.map((t) => scopes.delegationTool(agentFor(t.template_id), t)),
    temperature: 0.2,
  });
}
