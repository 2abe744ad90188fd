/**
 * Numbers in answers and where they could come from. An answer's number is "traceable" when a tool
 * result or the user's own messages hold the same value, as the answer may have formatted it:
 * `R$ 10.800,00` or `10,800.00` for 10800, `40%` for a rate of 0.4, `38 mil` for 38400 rounded.
 * Dates (`04/12`, `2026-12-04`), times (`10:00`, `14h`), ordinals (`3ª`), ids (`ticket-9f3a…`) and list
 * markers (`1)`, `2.` at a line start) are not quantities and are skipped.
 */

/** A number as written in an answer, with every value it can stand for. */
export interface AnswerNumber {
  text: string;
  /** Each reading with the rounding it allows (half a unit of its last digit). */
  readings: Array<{ value: number; tolerance: number }>;
  percent: boolean;
}

// A quantity: thousands-grouped or plain, with an optional decimal part; not glued to letters, ids,
// dates or times (no letter, digit, "-", "/", ":" or "." right before or after).
const QUANTITY =
  /(?<![\p{L}\p{N}_\-/:.,])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)(?![\p{L}\p{N}_\-/:]|[.,]\d)(\s?%)?(\s*(?:mil|k|thousand|million|milhões|millones|milhão|millón)(?!\p{L}))?/giu;

const SCALE: Record<string, number> = {
  mil: 1_000,
  k: 1_000,
  thousand: 1_000,
  million: 1_000_000,
  milhões: 1_000_000,
  milhão: 1_000_000,
  millones: 1_000_000,
  millón: 1_000_000,
};

/** The values a written number may mean: `10.800` is 10800 (pt-BR) or 10.8 (en). */
function readings(raw: string): { values: number[]; decimals: number } {
  const dots = raw.split('.').length - 1;
  const commas = raw.split(',').length - 1;
  if (dots === 0 && commas === 0) return { values: [Number(raw)], decimals: 0 };
  if (dots > 0 && commas > 0) {
    const decimalSep = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    const [int, frac = ''] = raw.split(decimalSep) as [string, string?];
    return { values: [Number(`${int.replace(/[.,]/g, '')}.${frac}`)], decimals: frac.length };
  }
  const sep = dots > 0 ? '.' : ',';
  const parts = raw.split(sep);
  const grouped = parts.length > 1 && parts.slice(1).every((p) => p.length === 3);
  const values: number[] = [];
  let decimals = 0;
  if (grouped) values.push(Number(parts.join('')));
  if (parts.length === 2) {
    values.push(Number(`${parts[0]}.${parts[1]}`));
    if (!grouped) decimals = (parts[1] as string).length;
  }
  return { values, decimals };
}

/** The quantities of an answer (markdown allowed). */
export function answerNumbers(text: string): AnswerNumber[] {
  const out: AnswerNumber[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const raw = match[1] as string;
    const start = match.index ?? 0;
    const after = text.slice(start + match[0].length);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    // "1)" anywhere, and "2." / "3 -" opening a line, are list markers.
    if (/^\)/.test(after) || (/^\s*[*_]*$/.test(before) && /^(?:\.|\s-)\s/.test(after))) continue;
    const { values, decimals } = readings(raw);
    const scale = match[3] ? SCALE[match[3].trim().toLowerCase()] : undefined;
    const unit = 0.5 * 10 ** -decimals;
    out.push({
      text: match[0].trim(),
      readings: [
        ...values.map((value) => ({ value, tolerance: unit })),
        ...(scale ? values.map((value) => ({ value: value * scale, tolerance: unit * scale })) : []),
      ],
      percent: match[2] !== undefined,
    });
  }
  return out;
}

/** Every number found anywhere in tool output text (JSON numbers, digits inside strings). */
export function sourceNumbers(text: string): number[] {
  return [...text.matchAll(/(?<![\d.])-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((n) => Number.isFinite(n));
}

/**
 * Whether a written number matches one of the source values, allowing the rounding its decimals
 * imply, rates shown as percent (0.4 → 40%), and thousands shown with "mil"/"k".
 */
export function isTraceable(number: AnswerNumber, sources: readonly number[]): boolean {
  for (const { value, tolerance } of number.readings) {
    for (const source of sources) {
      if (Math.abs(value - source) <= tolerance + 1e-9) return true;
      if (Math.abs(value - source * 100) <= tolerance + 1e-9) return true;
    }
  }
  return false;
}
