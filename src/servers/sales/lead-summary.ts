import type { Bant } from '../store/repositories/crm/lead-repository.js';

/** What the closer's handoff notes are made of: the lead as stored, and what the SDR learned. */
export interface LeadSummaryInput {
  name: string;
  company: string | null;
  score: number;
  bant: Bant | null;
  insights: readonly string[];
  nextSteps: readonly string[];
}

const UNKNOWN = 'não avaliado';

/** One BANT line: the notes when the SDR wrote some, else the 0–10 score, else "não avaliado". */
function bantLine(label: string, dimension: { score: number; notes?: string } | undefined): string {
  if (!dimension) return `- ${label}: ${UNKNOWN}`;
  const notes = dimension.notes?.trim();
  return `- ${label}: ${notes ? `${notes} (${dimension.score}/10)` : `${dimension.score}/10`}`;
}

/**
 * The seed's SDR handoff notes (Step 4: "LEAD SUMMARY / BANT ASSESSMENT / KEY INSIGHTS / NEXT STEPS"), built
 * by the tool from what the CRM holds — name, company, score and the BANT notes `qualify_lead` stored — so the
 * closer gets the same structure whatever the model wrote; the model adds only the insights and next steps.
 */
export function leadSummary(input: LeadSummaryInput): string {
  const list = (items: readonly string[], none: string) =>
    items.length > 0 ? items.map((item) => `- ${item.trim()}`) : [`- ${none}`];
  return [
    'LEAD SUMMARY',
    `- Name: ${input.name}`,
    `- Company: ${input.company ?? UNKNOWN}`,
    `- Score: ${input.score}/100`,
    '',
    'BANT ASSESSMENT:',
    bantLine('Budget', input.bant?.budget),
    bantLine('Authority', input.bant?.authority),
    bantLine('Need', input.bant?.need),
    bantLine('Timeline', input.bant?.timeline),
    '',
    'KEY INSIGHTS:',
    ...list(input.insights, 'nenhum registrado'),
    '',
    'NEXT STEPS:',
    ...list(input.nextSteps, 'contato do closer com o lead'),
  ].join('\n');
}
