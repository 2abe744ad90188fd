import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deeplyFrozen } from '../../../src/servers/framework/deeply-frozen.js';
import { frozenPartsCheck } from '../../../src/servers/framework/frozen-parts-check.js';
import { outputCheck } from '../../../src/servers/framework/output-check.js';
import { deepFreeze } from '../../../src/servers/store/deep-freeze.js';
import { compiledZodCheck } from '../../../src/shared/compiled-zod-check.js';

// The direct path's output check answers what the whole compiled JSON Schema check answers, also when
// it skips frozen parts it has seen pass (the store's caches hand out the same frozen rows every call).

const Row = z.object({ id: z.string().min(1), score: z.number().min(0).max(1), tags: z.array(z.string()) });
const Result = z.object({
  profile: z.object({ name: z.string(), tier: z.enum(['gold', 'silver']).nullable() }),
  rows: z.array(Row),
  graph: z.object({ nodes: z.array(z.string()) }).optional(),
  total: z.number().int(),
});

const row = (id: string, score = 0.5) => ({ id, score, tags: ['a'] });
const valid = () => ({ profile: { name: 'Ana', tier: 'gold' as const }, rows: [row('r1'), row('r2')], total: 2 });

/** The check's answer, asserted equal to the whole compiled check's. */
function passes(check: ReturnType<typeof outputCheck>, value: unknown): boolean {
  const whole = compiledZodCheck(Result, 'output')(value) === true;
  const answer = check?.passes(value);
  expect(answer).toBe(whole);
  return answer as boolean;
}

describe('outputCheck with frozen parts', () => {
  it('answers as the whole check, for values with and without frozen parts', () => {
    const check = outputCheck(Result);
    const rows = deepFreeze([row('r1'), row('r2')]);
    const cases: unknown[] = [
      valid(),
      { ...valid(), rows },
      { ...valid(), rows, graph: deepFreeze({ nodes: ['n1'] }) },
      { ...valid(), rows, graph: undefined },
      { ...valid(), rows, extra: 1 },
      { ...valid(), rows, total: undefined },
      { ...valid(), rows, total: 1.5 },
      { ...valid(), rows, total: Number.NaN },
      { ...valid(), rows: deepFreeze([row('r1', 2)]) },
      { ...valid(), rows: deepFreeze([{ id: '', score: 0, tags: [] }]) },
      { ...valid(), rows: deepFreeze({ not: 'an array' }) },
      { ...valid(), rows, profile: { name: 'Ana', tier: 'bronze' } },
      { ...valid(), rows, profile: deepFreeze({ name: 'Ana', tier: null }) },
      [rows],
      null,
      'text',
    ];
    // A frozen part is remembered when it passes a second time: the third round answers from memory.
    for (const _round of [1, 2, 3]) for (const value of cases) passes(check, value);
    expect(passes(check, { ...valid(), rows })).toBe(true);
  });

  it('remembers only values that cannot change: a shallow-frozen part is checked again', () => {
    const check = outputCheck(Result);
    const mutableRow = row('r1');
    const shallow = Object.freeze([mutableRow]);
    expect(passes(check, { ...valid(), rows: shallow })).toBe(true);
    expect(passes(check, { ...valid(), rows: shallow })).toBe(true);
    mutableRow.score = 7;
    expect(passes(check, { ...valid(), rows: shallow })).toBe(false);
  });

  it('checks whole what has no frozen part it knows, and a schema that does not split', () => {
    const counted = (schema: z.ZodObject<z.ZodRawShape>) => {
      const whole = compiledZodCheck(schema, 'output');
      const calls = { n: 0 };
      const check = frozenPartsCheck(schema, (value) => {
        calls.n++;
        return whole(value);
      });
      return { calls, check };
    };
    const { calls, check } = counted(Result);
    const rows = deepFreeze([row('r1')]);
    for (let i = 0; i < 3; i++) expect(check({ ...valid(), rows })).toBe(true);
    // Whole twice (the second sighting remembers `rows`), then split.
    expect(calls.n).toBe(2);
    expect(check(valid())).toBe(true);
    expect(calls.n).toBe(3);
    const referencing = z.object({ a: Row, b: Row.meta({ id: 'row' }) });
    const other = counted(referencing);
    const a = deepFreeze(row('x'));
    for (let i = 0; i < 3; i++) expect(other.check({ a, b: row('y') })).toBe(true);
    expect(other.calls.n).toBe(3);
  });
});

describe('deeplyFrozen', () => {
  it('holds for frozen plain values all the way down, not for a getter or a mutable child', () => {
    expect(deeplyFrozen(deepFreeze({ a: [1, { b: 'c' }] }))).toBe(true);
    expect(deeplyFrozen(Object.freeze({ a: [1] }))).toBe(false);
    expect(
      deeplyFrozen(Object.freeze(Object.defineProperty({}, 'a', { get: () => Math.random(), enumerable: true }))),
    ).toBe(false);
    expect(deeplyFrozen(Object.freeze(new Date(0)))).toBe(false);
    expect(deeplyFrozen(Object.freeze(() => 1))).toBe(false);
    expect(deeplyFrozen('text')).toBe(true);
  });
});
