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

/** The values a written number may mean, each with its rounding: `10.800` is 10800 (pt-BR) or 10.8 (en). */
function readings(raw: string): Array<{ value: number; tolerance: number }> {
  const half = (decimals: number) => 0.5 * 10 ** -decimals;
  const dots = raw.split('.').length - 1;
  const commas = raw.split(',').length - 1;
  if (dots === 0 && commas === 0) return [{ value: Number(raw), tolerance: half(0) }];
  if (dots > 0 && commas > 0) {
    const decimalSep = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    const [int, frac = ''] = raw.split(decimalSep) as [string, string?];
    return [{ value: Number(`${int.replace(/[.,]/g, '')}.${frac}`), tolerance: half(frac.length) }];
  }
  const parts = raw.split(dots > 0 ? '.' : ',');
  const out: Array<{ value: number; tolerance: number }> = [];
  if (parts.length > 1 && parts.slice(1).every((p) => p.length === 3)) {
    out.push({ value: Number(parts.join('')), tolerance: half(0) });
  }
  if (parts.length === 2) {
    out.push({ value: Number(`${parts[0]}.${parts[1]}`), tolerance: half((parts[1] as string).length) });
  }
  return out;
}

// Dates with a month's name are not quantities either: "Dec 4, 2026", "4 de dezembro", "4 de diciembre de
// 2026" (the day of a period's end would otherwise have to appear in a tool result as a number).
const MONTH =
  '(?:jan(?:uary|eiro|ero)?|feb(?:ruary|rero)?|fev(?:ereiro)?|mar(?:ch|ço|zo)?|apr(?:il)?|abr(?:il)?|may(?:o)?|maio|jun(?:e|ho|io)?|jul(?:y|ho|io)?|aug(?:ust)?|ago(?:sto)?|sep(?:t|tember)?|setembro|s(?:e)?tiembre|oct(?:ober|ubre)?|out(?:ubro)?|nov(?:ember|embro|iembre)?|dec(?:ember)?|dez(?:embro)?|dic(?:iembre)?)';
const NAMED_DATE = new RegExp(
  `(?<![\\p{L}])${MONTH}\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])\\d{1,2}\\s+de\\s+${MONTH}(?:\\s+de\\s+\\d{4})?(?![\\p{L}])`,
  'giu',
);

/** The text with its month-named dates blanked out (same length, so positions still hold). */
function blankNamedDates(text: string): string {
  return text.replace(NAMED_DATE, (date) => ' '.repeat(date.length));
}

/** The quantities of an answer (markdown allowed). */
export function answerNumbers(text: string): AnswerNumber[] {
  const out: AnswerNumber[] = [];
  for (const match of blankNamedDates(text).matchAll(QUANTITY)) {
    const raw = match[1] as string;
    const start = match.index ?? 0;
    const after = text.slice(start + match[0].length);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    // "1)" anywhere, and "2." / "3 -" opening a line, are list markers.
    if (/^\)/.test(after) || (/^\s*[*_]*$/.test(before) && /^(?:\.|\s-)\s/.test(after))) continue;
    const read = readings(raw);
    const scale = match[3] ? SCALE[match[3].trim().toLowerCase()] : undefined;
    out.push({
      text: match[0].trim(),
      readings: scale
        ? [...read, ...read.map((r) => ({ value: r.value * scale, tolerance: r.tolerance * scale }))]
        : read,
      percent: match[2] !== undefined,
    });
  }
  return out;
}

// Bookkeeping no answer should quote (search latencies, ranking weights and scores): numbers under
// these keys would make almost any figure look "traceable".
const NOISE_KEY = /latency|_ms$|weight|relevance|strength|importance|similarity|distance/i;
// Digit runs glued to letters are pieces of ids ("task-4528426c1e5b"), not figures: a random id would
// otherwise make an answer's "4" traceable on one run and not on the next.
const DIGITS = /(?<![\p{L}\d.])-?\d+(?:\.\d+)?(?![\p{L}\d])/gu;
// ISO dates and the clock part of timestamps: "…T01:23:11.285Z" would offer 11.285 to any answer, and
// "2026-12-20" its day — an answer's "20%" would then be traceable on the 20th and not on the 19th.
// Answers' dates are not quantities (see QUANTITY), so nothing needs these parts as a source.
const ISO_DATE_TIME = /\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;

const MINUTES_KEY = /_minutes$/;

function digitsOf(text: string, out: number[]): void {
  for (const m of text.replace(ISO_DATE_TIME, ' ').matchAll(DIGITS)) out.push(Number(m[0]));
}

function collect(value: unknown, out: number[], key = ''): void {
  if (NOISE_KEY.test(key)) return;
  if (typeof value === 'number') {
    out.push(value);
    // A duration in minutes may be told in hours ("respond_within_minutes: 240" → "em até 4 h").
    if (MINUTES_KEY.test(key)) out.push(value / 60);
  } else if (typeof value === 'string') digitsOf(value, out);
  else if (Array.isArray(value)) for (const item of value) collect(item, out, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, out, k);
}

/**
 * The numbers a tool result holds: JSON values (bookkeeping like latencies and ranking weights left
 * out) and digits inside its strings (dates, amounts in text); plain text results, every digit run.
 */
export function sourceNumbers(text: string): number[] {
  const out: number[] = [];
  try {
    collect(JSON.parse(text), out);
  } catch {
    digitsOf(text, out);
  }
  return out.filter((n) => Number.isFinite(n));
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
