import { z } from 'zod';
import { type BaseAgent, functionTool } from '../../runtime/index.js';
import type { Tool } from '../../tool.js';
import type { PatternFactory } from './pattern-factory.js';
import { REFLECTIVE_AGENT_NAME } from './pattern-names.js';

/** State key of the last critique's score, 0..1. */
export const QUALITY_SCORE_KEY = 'quality_score';
/** State key counting critiques in this conversation turn. */
export const REFLECTION_ATTEMPTS_KEY = 'temp:reflection_attempts';
/** A draft scoring at least this is delivered. */
export const QUALITY_THRESHOLD = 0.8;
/** Critiques per answer (generate → critique → regenerate, at most three times). */
export const MAX_REFLECTIONS = 3;

const CritiqueSchema = z.object({
  response: z.string().min(1).describe('O rascunho da resposta que você pretende enviar'),
  accuracy: z.number().min(0).max(10).describe('Precisão em relação à memória e às ferramentas (0-10)'),
  empathy: z.number().min(0).max(10).describe('Empatia com o cliente (0-10)'),
  completeness: z.number().min(0).max(10).describe('Responde a todos os pontos do cliente (0-10)'),
  issues: z.array(z.string()).default([]).describe('Problemas encontrados no rascunho'),
});

/**
 * `critique_response`: the agent scores its own draft; the tool turns the scores into `quality_score`
 * (mean / 10, written to state) and tells the agent whether to regenerate. The bound lives here, not in
 * the prompt: after MAX_REFLECTIONS critiques the answer is "deliver the best draft".
 */
export function critiqueTool(): Tool {
  return functionTool({
    name: 'critique_response',
    description:
      'Critique o seu rascunho antes de enviá-lo: precisão, empatia e completude de 0 a 10 e os problemas. ' +
      'Devolve quality_score (0-1) e se você deve reescrever.',
    parameters: CritiqueSchema,
    execute: async (args, ctx) => {
      const attempt = (Number(ctx.state[REFLECTION_ATTEMPTS_KEY]) || 0) + 1;
      const score = Math.round(((args.accuracy + args.empathy + args.completeness) / 30) * 100) / 100;
      const regenerate = score < QUALITY_THRESHOLD && attempt < MAX_REFLECTIONS;
      return {
        content: JSON.stringify({
          quality_score: score,
          attempt,
          max_attempts: MAX_REFLECTIONS,
          should_regenerate: regenerate,
          issues: args.issues,
          next_step: regenerate
            ? 'Reescreva a resposta corrigindo os problemas e critique de novo.'
            : 'Envie a resposta final agora (a melhor versão que você tem).',
        }),
        actions: { stateDelta: { [QUALITY_SCORE_KEY]: score, [REFLECTION_ATTEMPTS_KEY]: attempt } },
      };
    },
  });
}

const REFLECTION_PROTOCOL = `

# AUTOCRÍTICA (reflection)
1. Escreva um rascunho da resposta com base na memória e nas ferramentas.
2. Antes de responder, chame critique_response com o rascunho e notas de 0 a 10 para precisão,
   empatia e completude, listando os problemas.
3. Se should_regenerate for true, reescreva corrigindo os problemas e critique de novo.
4. No máximo ${MAX_REFLECTIONS} críticas; depois entregue a melhor versão. Nunca mostre a crítica ao cliente.`;

/**
 * The seed's Reflection pattern as one LlmAgent with a critique tool (generate → critique → regenerate,
 * at most three critiques; `quality_score` in state). The generalist template supplies the base
 * instruction and tools.
 */
export function createReflectiveAgent(factory: PatternFactory): BaseAgent {
  const template = factory.template('balanced');
  return factory.createAgent('balanced', {
    name: REFLECTIVE_AGENT_NAME,
    description: 'Responde com autocrítica: rascunho, crítica (quality_score) e reescrita, até 3 vezes.',
    instruction: template.instruction + REFLECTION_PROTOCOL,
    extraTools: [critiqueTool()],
    subAgents: [],
  });
}
