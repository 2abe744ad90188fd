import { stringify } from 'yaml';
import type { Message } from '../model/index.js';
import { detectLanguage } from './detect-language.js';
import type { EvalCaseInput } from './eval-case.js';
import type { TurnRecord } from './scorers/index.js';

/** The customer's messages of a stored conversation, in order (tool results are not messages). */
export function userMessagesOf(history: readonly Message[]): string[] {
  return history
    .filter((m) => m.role === 'user')
    .map((m) =>
      m.content
        .filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join('')
        .trim(),
    )
    .filter((text) => text.length > 0);
}

export interface BaselineCaseInput {
  id: string;
  description: string;
  tenant: string;
  contact?: string;
  audience: 'customer' | 'staff';
  channel?: string;
  agent?: string;
  /** The conversation as it ran today. */
  turns: readonly TurnRecord[];
}

/**
 * A case whose expectations are a run's behaviour: per turn, the agent that answered and the tools it
 * called (in order), and the language the customer wrote in. Replayed later, it says what changed.
 */
export function baselineCase(input: BaselineCaseInput): EvalCaseInput {
  return {
    id: input.id,
    description: input.description,
    tags: ['replay'],
    tenant: input.tenant,
    ...(input.contact ? { contact: input.contact } : {}),
    audience: input.audience,
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.agent && input.agent !== 'auto' ? { agent: input.agent } : {}),
    turns: input.turns.map((turn) => {
      const language = detectLanguage(turn.message).language;
      const result = turn.result;
      if (!result) return { message: turn.message };
      return {
        message: turn.message,
        expect: {
          agents: [result.agent_used],
          trajectory: { mode: 'in_order' as const, tools: result.tool_calls.map((c) => c.tool_name) },
          ...(language ? { answer: { language } } : {}),
        },
      };
    }),
  };
}

/** Cases as a YAML eval file (what `--from-session --out FILE` writes). */
export function casesToYaml(cases: readonly EvalCaseInput[], comment?: string): string {
  const header = comment ? `${comment.replace(/^/gm, '# ')}\n` : '';
  return `${header}${stringify({ cases }, { lineWidth: 110 })}`;
}
