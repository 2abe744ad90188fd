import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputCheck } from '../../../src/servers/framework/input-check.js';
import { memoryTools } from '../../../src/servers/memory/memory-tools.js';

/** Same keys, same order, same values (undefined included): what the handler would see. */
function sameAsZod(schema: z.ZodObject<z.ZodRawShape>, args: Record<string, unknown>): unknown {
  const fast = inputCheck(schema)?.parse(args);
  const zod = schema.safeParse(args);
  if (fast !== undefined) {
    expect(zod.success).toBe(true);
    expect(Object.entries(fast)).toEqual(Object.entries(zod.data as object));
  }
  return fast;
}

const shape = z.object({
  q: z.string().trim().min(1).max(5),
  o: z.string().optional(),
  d: z.boolean().default(false),
  n: z.number().int().min(1).max(50).default(10),
  a: z
    .array(z.string().regex(/^[a-z]+$/))
    .max(3)
    .optional(),
  e: z.enum(['X', 'Y']).default('X'),
  nl: z.string().nullable().optional(),
});

describe('inputCheck (the direct path parses flat arguments without zod, as zod would)', () => {
  it('answers what zod answers, key order, defaults and stripped keys included', () => {
    expect(sameAsZod(shape, { q: 'hi' })).toEqual({ q: 'hi', d: false, n: 10, e: 'X' });
    expect(sameAsZod(shape, { n: 3, e: 'Y', q: 'hi', extra: 1 })).toEqual({ q: 'hi', d: false, n: 3, e: 'Y' });
    const withUndefined = sameAsZod(shape, { q: 'hi', o: undefined, d: undefined, a: undefined, nl: undefined });
    expect(Object.keys(withUndefined as object)).toEqual(['q', 'o', 'd', 'n', 'a', 'e', 'nl']);
    const copied = sameAsZod(shape, { q: 'hi', a: ['x', 'y'], nl: null }) as { a: string[] };
    expect(copied.a).toEqual(['x', 'y']);
  });

  it('leaves to zod whatever it cannot vouch for: invalid arguments, a value an overwrite changes', () => {
    for (const args of [
      {},
      { q: ' hi ' },
      { q: '' },
      { q: 'abcdef' },
      { q: 'hi', n: 1.5 },
      { q: 'hi', n: 51 },
      { q: 'hi', n: Number.NaN },
      { q: 'hi', a: ['X'] },
      { q: 'hi', a: ['a', 'b', 'c', 'd'] },
      { q: 'hi', e: 'Z' },
      { q: 'hi', d: 'yes' },
      { q: 'hi', nl: 3 },
      { q: 'hi', o: null },
    ]) {
      expect(sameAsZod(shape, args)).toBeUndefined();
    }
  });

  it('counts string lengths in code points, as zod does', () => {
    const short = z.object({ s: z.string().min(2).max(3) });
    expect(sameAsZod(short, { s: 'a😀😀' })).toEqual({ s: 'a😀😀' });
    expect(sameAsZod(short, { s: '😀' })).toBeUndefined();
    expect(sameAsZod(short, { s: 'ab😀😀' })).toBeUndefined();
  });

  it('builds nested objects as zod does, and leaves their failures to zod', () => {
    const nested = z.object({
      q: z.string(),
      w: z.object({ a: z.number().min(0), b: z.boolean().optional() }).optional(),
    });
    expect(sameAsZod(nested, { w: { b: true, a: 1, x: 2 }, q: 'x' })).toEqual({ q: 'x', w: { a: 1, b: true } });
    expect(sameAsZod(nested, { q: 'x', w: { a: -1 } })).toBeUndefined();
  });

  it('does not take shapes whose JSON Schema is not exact', () => {
    expect(inputCheck(z.object({ e: z.string().email() }))).toBeUndefined();
    expect(inputCheck(z.object({ t: z.string().transform((s) => s.length) }))).toBeUndefined();
    expect(inputCheck(z.object({ r: z.string().refine((s) => s !== 'x') }))).toBeUndefined();
    expect(inputCheck(z.object({ n: z.object({ a: z.string().url() }) }))).toBeUndefined();
    expect(inputCheck(z.object({ i: z.string().regex(/a/i) }))).toBeUndefined();
    expect(inputCheck(z.object({ c: z.coerce.number() }))).toBeUndefined();
    expect(inputCheck(z.looseObject({ a: z.string() }))).toBeUndefined();
    expect(inputCheck(z.object({ l: z.array(z.object({ a: z.string() })) }))).toBeUndefined();
    // An object default is zod's to copy.
    expect(inputCheck(z.object({ l: z.array(z.string()).default([]) }))?.parse({})).toBeUndefined();
  });

  it('takes the memory tools the offline agents call on every turn, answering as zod', () => {
    const tools = memoryTools({} as never);
    const input = (name: string) => z.object(tools.find((t) => t.name === name)?.input ?? {});
    expect(sameAsZod(input('search_memory'), { query: 'Quero cancelar, está muito caro' })).toBeDefined();
    expect(sameAsZod(input('search_memory'), { query: 'preço', contact_id: 'contact-ana', limit: 5 })).toBeDefined();
    expect(sameAsZod(input('search_memory'), { query: '  preço ' })).toBeUndefined();
    expect(sameAsZod(input('get_contact_context'), { contact_id: 'contact-ana' })).toBeDefined();
  });
});
