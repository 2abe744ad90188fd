/**
 * The answer as it streams. Each agent streams its own text (a coordinator repeats its specialist's
 * answer), so the visible text is the latest speaker's, never a concatenation of agents.
 */
export class AnswerText {
  private readonly byAgent = new Map<string, string>();
  private speaker: string | undefined;

  add(agent: string | undefined, text: string): void {
    const key = agent ?? '';
    this.byAgent.set(key, (this.byAgent.get(key) ?? '') + text);
    this.speaker = key;
  }

  /** What to show now: for BI agents, which stream `{"answer": …, "format_guide": …}`, the answer so far. */
  current(): string {
    return visibleAnswer(this.speaker === undefined ? '' : (this.byAgent.get(this.speaker) ?? ''));
  }
}

/** The `answer` of a (possibly unfinished) JSON answer, or the text itself when it is not JSON. */
export function visibleAnswer(text: string): string {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('```')) return text;
  const match = /"answer"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(trimmed);
  if (!match) return '';
  let body = match[1] ?? '';
  // An escape cut in half at the end of a chunk is dropped until the rest arrives.
  body = body.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}
