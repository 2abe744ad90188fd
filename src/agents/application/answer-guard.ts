/**
 * The last check on what a customer reads. Tool errors are for the model (it reads them and recovers);
 * an answer that still carries one — a raw tool error, a stack, an internal id (`contact-…`,
 * `anonymous-…`, a UUID, a `server__tool` name) — is cleaned before it leaves: ids are cut out, and an
 * answer that echoes an error is replaced by a graceful one. Applied to customer runs only: staff may
 * see the details.
 */

import type { Language } from '../../shared/index.js';

/** What the guard did to an answer. */
export type GuardVerdict = 'clean' | 'redacted' | 'replaced';

/** What the guard knows about the run besides the answer. */
export interface GuardFacts {
  /** The outputs of this run's failed tool calls (what the model read and the customer must not). */
  failedOutputs: readonly string[];
  /** This run's own ids (contact, session), whatever their shape. */
  ids: readonly string[];
  /** The customer's language (session state); the graceful answer is said in it. Default PT-BR. */
  language?: Language;
}

/** Said instead of an answer that would show the customer an error. */
export const GRACEFUL_ANSWER =
  'Desculpe, não consegui concluir isso agora. Pode me contar com outras palavras o que você precisa? ' +
  'Se preferir, chamo uma pessoa da nossa equipe para continuar o seu atendimento.';

/** {@link GRACEFUL_ANSWER} in each language the customers write in. */
export const GRACEFUL_ANSWERS: Readonly<Record<Language, string>> = Object.freeze({
  pt: GRACEFUL_ANSWER,
  en:
    'Sorry, I could not finish that right now. Could you tell me in other words what you need? ' +
    'If you prefer, I can bring in someone from our team to continue.',
  es:
    'Perdón, no pude completar eso ahora. ¿Me cuentas con otras palabras lo que necesitas? ' +
    'Si prefieres, llamo a una persona de nuestro equipo para continuar tu atención.',
});

/** Words and shapes of our own failures (runtime, host, tool servers) and of stacks. */
const RAW_ERRORS: readonly RegExp[] = [
  /\bat [\w$.<>]+ \((?:file:\/\/|\/|[A-Za-z]:\\|node:)[^)]*:\d+:\d+\)/,
  /^\s*at (?:file:\/\/|\/|node:)\S+:\d+:\d+\s*$/m,
  /(?:^|\s)(?:[A-Z][A-Za-z]*)?Error: \S/,
  /\bTool "[^"]+" (?:failed|did not answer)/,
  /\bInternal error in tool\b/,
  /\bUnknown tool "/,
  /\bInvalid arguments for tool\b/,
  /\bCannot (?:transfer|delegate)\b/,
  /\bAgent "[^"]+" (?:failed|ended without)/,
  /\(error id [0-9a-f-]{8,}\)/i,
  /\bContact "[^"]*" (?:not found|has no lead)/,
  /\bcontact \S+ not found\b/,
  /\bNo contact: pass\b/,
  /\bneeds a contact: pass\b/,
  /\bserves the company's staff\b/,
  /\bnot available in a conversation with a customer\b/,
  /\bonly that customer’s own data\b/,
  /\bno identified customer\b/,
  /\bMCP error -?\d+\b/,
  /\bE(?:CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND)\b/,
];

/** Internal ids, cut out of an answer that is otherwise fine. */
const INTERNAL_IDS: readonly RegExp[] = [
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(?:contact|anonymous)-[A-Za-z0-9][A-Za-z0-9_-]*/g,
  /\b[a-z][a-z0-9_-]*__[a-z][a-z0-9_]*\b/g,
];

/** An echo of a failed tool's output: its opening, at least this long, found in the answer. */
const ECHO_CHARS = 32;

/**
 * The answer a customer may read: unchanged, with internal ids cut out, or replaced by
 * {@link GRACEFUL_ANSWER} when it shows an error.
 *
 * @example
 * guardAnswer('Contact "anonymous-1f…" not found.', { failedOutputs: [], ids: [] }).verdict // 'replaced'
 */
export function guardAnswer(text: string, facts: GuardFacts): { text: string; verdict: GuardVerdict } {
  const graceful = GRACEFUL_ANSWERS[facts.language ?? 'pt'];
  if (showsError(text, facts.failedOutputs)) return { text: graceful, verdict: 'replaced' };
  const redacted = redactIds(text, facts.ids);
  if (redacted === text) return { text, verdict: 'clean' };
  // Nothing left worth sending once the ids are gone (the answer was an id, or a list of them).
  if (redacted.replace(/[^\p{L}]/gu, '').length < 3) return { text: graceful, verdict: 'replaced' };
  return { text: redacted, verdict: 'redacted' };
}

function showsError(text: string, failedOutputs: readonly string[]): boolean {
  if (RAW_ERRORS.some((pattern) => pattern.test(text))) return true;
  return failedOutputs.some((output) => {
    const opening = output.trim().slice(0, ECHO_CHARS);
    return opening.length >= ECHO_CHARS && text.includes(opening);
  });
}

/** Cuts internal ids out of a text and tidies the gaps they leave (`protocolo ()` → `protocolo`). */
export function redactIds(text: string, ids: readonly string[] = []): string {
  let out = text;
  for (const id of ids) if (id.length >= 6) out = out.split(id).join('');
  for (const pattern of INTERNAL_IDS) out = out.replace(pattern, '');
  if (out === text) return text;
  return out
    .replace(/[([]\s*[)\]]/g, '')
    .replace(/[ \t]+([.,;:!?)])/g, '$1')
    .replace(/[,;:]+([.!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +\n/g, '\n')
    .trim();
}

/**
 * A streamed answer's guard: holds back each agent's text up to its last whitespace (ids have none, so
 * a complete id is never split between what is sent and what is held), cuts ids out of what it sends,
 * and flushes the rest when that agent's text ends.
 */
export class PartialGuard {
  readonly #held = new Map<string, string>();

  constructor(private readonly ids: readonly string[]) {}

  /** What may be sent now of this agent's new text ('' to send nothing yet). */
  push(agent: string, delta: string): string {
    const text = (this.#held.get(agent) ?? '') + delta;
    const cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'), text.lastIndexOf('\t'));
    if (cut < 0) {
      this.#held.set(agent, text);
      return '';
    }
    this.#held.set(agent, text.slice(cut + 1));
    return redactTokens(text.slice(0, cut + 1), this.ids);
  }

  /** The rest of this agent's held text ('' when none). */
  flush(agent: string): string {
    const text = this.#held.get(agent) ?? '';
    this.#held.delete(agent);
    return text ? redactTokens(text, this.ids) : '';
  }
}

/** Like {@link redactIds} but keeps the text's own spacing (stream deltas are joined by the client). */
function redactTokens(text: string, ids: readonly string[]): string {
  let out = text;
  for (const id of ids) if (id.length >= 6) out = out.split(id).join('');
  for (const pattern of INTERNAL_IDS) out = out.replace(pattern, '');
  return out;
}
