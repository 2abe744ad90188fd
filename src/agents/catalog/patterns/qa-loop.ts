import { z } from 'zod';
import { type BaseAgent, functionTool, LoopAgent } from '../../runtime/index.js';
import type { Tool } from '../../tool.js';
import type { PatternFactory } from './pattern-factory.js';
import { DRAFT_KEY, QA_DRAFTER_NAME, QA_LOOP_NAME, QA_REVIEWER_NAME } from './pattern-names.js';
import { MAX_REFLECTIONS, QUALITY_SCORE_KEY, QUALITY_THRESHOLD } from './reflection.js';

/** State key of the reviewer's feedback for the next draft. */
export const QA_FEEDBACK_KEY = 'qa_feedback';

/** `record_quality`: the reviewer's verdict, written to state (`quality_score`, `qa_feedback`). */
export function recordQualityTool(): Tool {
  return functionTool({
    name: 'record_quality',
    description:
      'Registre a avaliação do rascunho: quality_score de 0 a 1 (≥ 0.8 = aprovado) e o que corrigir na próxima versão.',
    parameters: z.object({
      quality_score: z.number().min(0).max(1),
      feedback: z.string().default(''),
    }),
    execute: async (args) => ({
      content: JSON.stringify({ recorded: true, approved: args.quality_score >= QUALITY_THRESHOLD }),
      actions: { stateDelta: { [QUALITY_SCORE_KEY]: args.quality_score, [QA_FEEDBACK_KEY]: args.feedback } },
    }),
  });
}

/**
 * The QA LoopAgent: a drafter answers, a QA reviewer scores the draft and records `quality_score`;
 * the loop ends when the score reaches 0.8 or after three rounds. The reviewer's final is replaced by
 * the approved draft, so the loop answers with the draft, not with the review.
 */
export function createQaLoop(factory: PatternFactory): BaseAgent {
  const drafter = factory.createAgent('balanced', {
    name: QA_DRAFTER_NAME,
    description: 'Escreve a resposta ao cliente, levando em conta o feedback do QA.',
    instruction: `${factory.template('balanced').instruction}

# REVISÃO DE QUALIDADE
Se houver feedback do QA, reescreva a resposta corrigindo-o: {${QA_FEEDBACK_KEY}?}`,
    outputKey: DRAFT_KEY,
    subAgents: [],
  });
  const reviewer = factory.createAgent('operations_qa', {
    name: QA_REVIEWER_NAME,
    description: 'Avalia o rascunho (precisão, empatia, completude) e registra quality_score.',
    instruction: `Você é o revisor de qualidade (QA) do Ventros CRM.
Avalie o rascunho abaixo quanto a precisão, empatia, completude e alinhamento com a marca.
Chame record_quality com quality_score de 0 a 1 e o feedback do que corrigir. Não reescreva a resposta.

RASCUNHO:
{${DRAFT_KEY}?}`,
    extraTools: [recordQualityTool()],
    subAgents: [],
    callbacks: {
      // The loop's answer is the draft under review, never the reviewer's commentary.
      afterAgent: (ctx) => {
        const draft = ctx.session.state[DRAFT_KEY];
        return typeof draft === 'string' && draft ? { text: draft } : undefined;
      },
    },
  });
  return new LoopAgent({
    name: QA_LOOP_NAME,
    description: 'Rascunho → revisão de QA → reescrita, até quality_score ≥ 0.8 (no máximo 3 rodadas).',
    subAgents: [drafter, reviewer],
    maxIterations: MAX_REFLECTIONS,
    until: (state) => Number(state[QUALITY_SCORE_KEY]) >= QUALITY_THRESHOLD,
  });
}
