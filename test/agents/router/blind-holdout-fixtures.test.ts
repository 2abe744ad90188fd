import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CUSTOMER_AGENTS, CUSTOMER_KINDS, STAFF_AGENTS, STAFF_KINDS } from '../../support/routing-fixture-labels.js';

/*
 * Checks the blind routing holdouts written apart from the router (`trust-holdout-3.jsonl`,
 * `trust-holdout-4.jsonl`, `trust-holdout-5.jsonl`) against the rules in test/fixtures/routing/README.md: format, ids,
 * agents per audience, expected first agents, minimum counts, and no near-duplicate (Jaccard ≥ 0.5)
 * of a message in any other file of the folder. It never prints another set's messages: a failure
 * names only the checked set's ids, so running it does not expose one holdout to another's writer.
 */

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'routing');

/** Minimum counts for the risky slices; each holdout is held to what its README section promises. */
interface Minimums {
  readonly cancellationFamily: number;
  readonly optOut: number;
  readonly billing: number;
  readonly staff: number;
  readonly negation: number;
  readonly multiIntent: number;
  readonly salesFirst: number;
  readonly perCustomerAgentFirst: number;
}

interface BlindHoldout {
  readonly file: string;
  readonly prefix: string;
  readonly lines: number;
  readonly minimums: Minimums;
}

const SAME_AS_THIRD: Minimums = {
  cancellationFamily: 45,
  optOut: 12,
  billing: 16,
  staff: 18,
  negation: 10,
  multiIntent: 10,
  salesFirst: 30,
  perCustomerAgentFirst: 7,
};

const HOLDOUTS: readonly BlindHoldout[] = [
  { file: 'trust-holdout-3.jsonl', prefix: 'h3', lines: 260, minimums: SAME_AS_THIRD },
  { file: 'trust-holdout-4.jsonl', prefix: 'h4', lines: 260, minimums: SAME_AS_THIRD },
  { file: 'trust-holdout-5.jsonl', prefix: 'h5', lines: 260, minimums: SAME_AS_THIRD },
];

const SALES_AGENTS = new Set<string>(['sales_prospecting', 'sales_negotiation', 'sales_closing', 'sdr']);

const CANCELLATION_FAMILY = new Set<string>(['cancellation', 'price_complaint', 'sarcasm', 'formal']);

function lineSchema(prefix: string) {
  return z
    .object({
      id: z.string().regex(new RegExp(`^${prefix}-(pt|en|es)-\\d{3}$`)),
      text: z.string().min(1),
      lang: z.enum(['pt', 'en', 'es']),
      audience: z.enum(['customer', 'staff']),
      acceptable: z
        .array(z.enum([...CUSTOMER_AGENTS, ...STAFF_AGENTS]))
        .min(1)
        .max(3),
      kind: z.enum([...CUSTOMER_KINDS, ...STAFF_KINDS]),
      note: z.string().min(1).optional(),
    })
    .strict();
}
type Line = z.infer<ReturnType<typeof lineSchema>>;

function readJsonl(file: string): unknown[] {
  return readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** String values under `key` anywhere in a JSON value (the .json fixtures' shape is not assumed). */
function collect(value: unknown, keys: ReadonlySet<string>, out: string[]): string[] {
  if (Array.isArray(value)) for (const v of value) collect(v, keys, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.has(k) && typeof v === 'string') out.push(v);
      else collect(v, keys, out);
    }
  }
  return out;
}

/** Every fixture in the folder except `self`, later holdouts included: each must be independent of all. */
function otherFixtures(self: string): Array<{ file: string; rows: unknown[] }> {
  return readdirSync(DIR)
    .filter((f) => f !== self && (f.endsWith('.jsonl') || f.endsWith('.json')))
    .sort()
    .map((file) => ({
      file,
      rows: file.endsWith('.jsonl') ? readJsonl(file) : [JSON.parse(readFileSync(join(DIR, file), 'utf8')) as unknown],
    }));
}

/** Lower case, accents stripped, split on anything that is not a letter or digit. */
function words(text: string): Set<string> {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(plain.split(/[^a-z0-9]+/).filter((w) => w !== ''));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 1 : both / union;
}

describe.each(HOLDOUTS)('$file', ({ file, prefix, lines: expectedLines, minimums }) => {
  const schema = lineSchema(prefix);
  const raw = readJsonl(file);
  const lines: Line[] = raw.map((r) => schema.parse(r));
  const count = (pred: (l: Line) => boolean): number => lines.filter(pred).length;

  describe('format', () => {
    it(`has ${expectedLines} lines that each match the README format`, () => {
      expect(raw).toHaveLength(expectedLines);
      for (const r of raw) expect(schema.safeParse(r).success, JSON.stringify((r as Line).id)).toBe(true);
    });

    it('uses ids that match the lang and are unique here and across every other fixture file', () => {
      for (const l of lines) expect(l.id.split('-')[1], l.id).toBe(l.lang);
      const mine = lines.map((l) => l.id);
      expect(new Set(mine).size).toBe(mine.length);
      const others = new Set(otherFixtures(file).flatMap(({ rows }) => collect(rows, new Set(['id']), [])));
      expect(mine.filter((id) => others.has(id))).toEqual([]);
    });

    it('routes each audience only to its agents, and kinds match the audience', () => {
      const staff = new Set<string>(STAFF_AGENTS);
      const staffKinds = new Set<string>(STAFF_KINDS);
      for (const l of lines) {
        const isStaff = l.audience === 'staff';
        expect(
          l.acceptable.every((a) => staff.has(a) === isStaff),
          l.id,
        ).toBe(true);
        expect(staffKinds.has(l.kind), l.id).toBe(isStaff);
        expect(new Set(l.acceptable).size, l.id).toBe(l.acceptable.length);
        // Three acceptable agents only when the message really asks for several things.
        if (l.kind !== 'multi_intent') expect(l.acceptable.length, l.id).toBeLessThanOrEqual(2);
      }
    });

    it('puts the expected agent first for the labelling rules', () => {
      const first = (pred: (l: Line) => boolean) => [...new Set(lines.filter(pred).map((l) => l.acceptable[0]))];
      expect(first((l) => CANCELLATION_FAMILY.has(l.kind))).toEqual(['retention_churn']);
      expect(first((l) => l.kind === 'opt_out')).toEqual(['marketing_campaign']);
      expect(first((l) => l.kind === 'billing')).toEqual(['support_billing']);
      expect(first((l) => l.kind === 'winback')).toEqual(['retention_winback']);
      expect(first((l) => l.kind === 'bi')).toEqual(['bi_manager']);
      expect(first((l) => l.kind === 'analysis')).toEqual(['agent_analyzer']);
      expect(first((l) => l.kind === 'sales').every((a) => a !== undefined && SALES_AGENTS.has(a))).toBe(true);
    });
  });

  describe('minimum counts', () => {
    it('meets the minimums for the risky slices', () => {
      expect(count((l) => CANCELLATION_FAMILY.has(l.kind))).toBeGreaterThanOrEqual(minimums.cancellationFamily);
      expect(count((l) => l.kind === 'opt_out')).toBeGreaterThanOrEqual(minimums.optOut);
      expect(count((l) => l.kind === 'billing')).toBeGreaterThanOrEqual(minimums.billing);
      expect(count((l) => l.audience === 'staff')).toBeGreaterThanOrEqual(minimums.staff);
      expect(count((l) => l.kind === 'negation')).toBeGreaterThanOrEqual(minimums.negation);
      expect(count((l) => l.kind === 'multi_intent')).toBeGreaterThanOrEqual(minimums.multiIntent);
      expect(count((l) => SALES_AGENTS.has(l.acceptable[0] ?? ''))).toBeGreaterThanOrEqual(minimums.salesFirst);
    });

    it(`has every kind, and every customer-facing agent first at least ${minimums.perCustomerAgentFirst} times`, () => {
      for (const kind of [...CUSTOMER_KINDS, ...STAFF_KINDS])
        expect(
          count((l) => l.kind === kind),
          kind,
        ).toBeGreaterThan(0);
      for (const agent of CUSTOMER_AGENTS)
        expect(
          count((l) => l.acceptable[0] === agent),
          agent,
        ).toBeGreaterThanOrEqual(minimums.perCustomerAgentFirst);
    });

    it('is about 40 % pt, 30 % en and 30 % es', () => {
      const share = (lang: Line['lang']) => count((l) => l.lang === lang) / lines.length;
      expect(Math.abs(share('pt') - 0.4)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(share('en') - 0.3)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(share('es') - 0.3)).toBeLessThanOrEqual(0.05);
    });
  });

  describe('independence', () => {
    it('has no message with Jaccard ≥ 0.5 on normalised words against the other sets', () => {
      const others = otherFixtures(file).flatMap(({ file: other, rows }) =>
        collect(rows, new Set(['text', 'message']), []).map((t) => ({ file: other, words: words(t) })),
      );
      expect(others.length).toBeGreaterThan(600);
      // Only this set's ids and the other file's name are reported, never the other set's text.
      const collisions: string[] = [];
      for (const l of lines) {
        const mine = words(l.text);
        for (const o of others) {
          const j = jaccard(mine, o.words);
          if (j >= 0.5) collisions.push(`${l.id} ~ ${o.file} (${j.toFixed(2)})`);
        }
      }
      expect(collisions).toEqual([]);
    });

    it('has no near-duplicate inside the set itself', () => {
      const sets = lines.map((l) => ({ id: l.id, words: words(l.text) }));
      const pairs: string[] = [];
      for (let i = 0; i < sets.length; i++)
        for (let k = i + 1; k < sets.length; k++) {
          const a = sets[i];
          const b = sets[k];
          if (a && b && jaccard(a.words, b.words) >= 0.5) pairs.push(`${a.id} ~ ${b.id}`);
        }
      expect(pairs).toEqual([]);
    });
  });
});
