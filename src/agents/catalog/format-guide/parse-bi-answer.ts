import { BiAnswerSchema, type FormatGuide, plainTextGuide } from './format-guide.js';

/** A BI answer read from model text. `fallback: true` when the text was not a valid `{answer, format_guide}`. */
export interface ParsedBiAnswer {
  answer: string;
  format_guide: FormatGuide;
  fallback: boolean;
  /** Why the fallback was used (for logs and metadata). */
  problem?: string;
}

const FENCE = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/g;

/** The first balanced `{...}` in `text`, honouring JSON strings (braces inside strings don't count). */
function firstObjectLiteral(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** JSON candidates in order of likelihood: fenced blocks, the whole text, the first object literal. */
function candidates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(FENCE)) {
    if (match[1]?.trim()) found.push(match[1].trim());
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) found.push(trimmed);
  const literal = firstObjectLiteral(text);
  if (literal) found.push(literal);
  return [...new Set(found)];
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a BI agent's answer: JSON `{answer, format_guide}`, possibly inside a ```json fence or
 * surrounded by prose. Never throws: when no valid object is found the whole text becomes the answer
 * with a plain-text guide, flagged `fallback` (a JSON object with a usable `answer` but a bad guide
 * keeps its answer, so the user never sees raw JSON).
 *
 * @example
 * parseBiAnswer('```json\n{"answer":"47 leads","format_guide":{"format":"markdown","structure":{}}}\n```')
 * // → { answer: '47 leads', format_guide: { format: 'markdown', structure: {} }, fallback: false }
 */
export function parseBiAnswer(text: string): ParsedBiAnswer {
  let salvaged: string | undefined;
  let problem = 'no JSON object with "answer" and "format_guide" found';
  for (const candidate of candidates(text)) {
    const json = tryJson(candidate);
    if (json === undefined) continue;
    const parsed = BiAnswerSchema.safeParse(json);
    if (parsed.success) return { answer: parsed.data.answer, format_guide: parsed.data.format_guide, fallback: false };
    const answer = (json as { answer?: unknown } | null)?.answer;
    if (typeof answer === 'string' && salvaged === undefined) {
      salvaged = answer;
      problem = `invalid format_guide: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    }
  }
  return { answer: salvaged ?? text.trim(), format_guide: plainTextGuide(), fallback: true, problem };
}
