import type { z } from 'zod';
import { compiledZodCheck } from '../../shared/compiled-zod-check.js';

/**
 * A fast, exact parse of a tool's arguments for the direct path, for flat input shapes (the common
 * case: strings, numbers, booleans, enums, arrays of those, optional or with a primitive default).
 * When it answers, the value is what the zod parse the SDK runs would return — same keys in the same
 * order, defaults filled in, unknown keys stripped — so the zod parse (which showed in CPU profiles:
 * its shared code is slow when many schemas go through it) need not run. When it cannot vouch — the
 * arguments fail, or a string would be changed by its `trim()`-like overwrite — it answers undefined
 * and the caller runs zod, which answers as the SDK does (its issues word the error).
 *
 * Why it is exact: the JSON Schema is zod's own (io `input`), checked by ajv with string lengths in
 * code points and patterns without the `u` flag as zod counts and matches them, numbers finite; and
 * only shapes made of parts whose JSON Schema is exact qualify (see `flatField`).
 */
export interface InputCheck {
  /** The parsed arguments, or undefined: ask zod. */
  parse(args: Record<string, unknown>): Record<string, unknown> | undefined;
}

interface Def {
  type: string;
  coerce?: boolean;
  checks?: Array<{ _zod: { def: { check: string; format?: string; pattern?: RegExp; tx?: (v: unknown) => unknown } } }>;
  format?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  defaultValue?: unknown;
}

/** One field of the shape: how its value is read, and what its absence means. */
interface Field {
  key: string;
  /** The `.default()` that fills the key when absent or undefined (read per call, as zod does). */
  fallback: Def | undefined;
  /** The field's overwrites (`trim()`…), run to check they leave the value as it is. */
  overwrites: Array<(value: unknown) => unknown>;
  array: boolean;
  /** A nested object's own fields (built the same way: zod returns a new object of its keys). */
  object: Field[] | undefined;
}

// Not `multiple_of`: zod and ajv round decimals differently.
const EXACT_CHECKS = new Set(['min_length', 'max_length', 'length_equals', 'less_than', 'greater_than']);
const PLAIN = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null']);

const defOf = (schema: z.ZodType | undefined): Def | undefined =>
  schema === undefined ? undefined : (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The fast parse of `schema`, or undefined when its shape does not qualify (always parse with zod). */
export function inputCheck(schema: z.ZodObject<z.ZodRawShape>): InputCheck | undefined {
  const fields = objectFields(defOf(schema), 0);
  if (!fields) return undefined;
  const passes = compiledZodCheck(schema, 'input', { unicodeRegExp: false });
  return {
    parse(args) {
      return passes(args) === true ? build(fields, args) : undefined;
    },
  };
}

/** The arguments as zod returns them, or undefined when an overwrite would change a value. */
function build(fields: readonly Field[], args: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const present = field.key in args;
    const value = present ? args[field.key] : undefined;
    if (value === undefined) {
      // As zod: a default fills an absent or undefined key; an optional key given as undefined stays.
      if (field.fallback) {
        const fallback = field.fallback.defaultValue;
        // An object default would be shared between calls here; zod's own handling decides.
        if (fallback !== null && typeof fallback === 'object') return undefined;
        out[field.key] = fallback;
      } else if (present) out[field.key] = undefined;
      continue;
    }
    for (const overwrite of field.overwrites) if (overwrite(value) !== value) return undefined;
    if (field.object) {
      const nested = build(field.object, value as Record<string, unknown>);
      if (nested === undefined) return undefined;
      out[field.key] = nested;
    } else out[field.key] = field.array ? [...(value as unknown[])] : value;
  }
  return out;
}

/** The fields of a strip-mode object without refinements, each one `flatField` takes; else undefined. */
function objectFields(def: Def | undefined, depth: number): Field[] | undefined {
  if (def?.type !== 'object' || def.catchall !== undefined || (def.checks?.length ?? 0) > 0 || depth > 4) {
    return undefined;
  }
  const fields: Field[] = [];
  for (const [key, child] of Object.entries(def.shape ?? {})) {
    const field = flatField(key, child, depth);
    if (!field) return undefined;
    fields.push(field);
  }
  return fields;
}

/** A field zod parses to its input unchanged (but for an overwrite checked at run time), or undefined. */
function flatField(key: string, schema: z.ZodType, depth: number): Field | undefined {
  let def = defOf(schema);
  let fallback: Field['fallback'];
  if (def?.type === 'default') {
    fallback = def;
    def = defOf(def.innerType);
  } else if (def?.type === 'optional') {
    def = defOf(def.innerType);
  }
  if (def?.type === 'object') {
    const object = objectFields(def, depth + 1);
    return object ? { key, fallback, overwrites: [], array: false, object } : undefined;
  }
  if (def?.type === 'array') {
    if (!exactChecks(def) || !flatLeaf(defOf(def.element), false)) return undefined;
    return { key, fallback, overwrites: [], array: true, object: undefined };
  }
  const overwrites: Field['overwrites'] = [];
  if (!flatLeaf(def, true, overwrites)) return undefined;
  return { key, fallback, overwrites, array: false, object: undefined };
}

/** A primitive (or nullable primitive) whose JSON Schema says exactly what zod checks. */
function flatLeaf(def: Def | undefined, allowOverwrite: boolean, overwrites?: Field['overwrites']): boolean {
  if (def === undefined) return false;
  if (def.type === 'nullable') return flatLeaf(defOf(def.innerType), false);
  if (!PLAIN.has(def.type) || def.coerce) return false;
  // A string format (email, url…) may be checked by code, or listed without its pattern.
  if (def.type === 'string' && def.format !== undefined) return false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (EXACT_CHECKS.has(c.check)) continue;
    if (c.check === 'number_format' && c.format === 'safeint') continue;
    // The JSON Schema pattern drops the flags: only a pattern without any reads the same.
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern?.flags === '') continue;
    if (c.check === 'overwrite' && def.type === 'string' && allowOverwrite && c.tx && overwrites) {
      overwrites.push(c.tx);
      continue;
    }
    return false;
  }
  return true;
}

function exactChecks(def: Def): boolean {
  return (def.checks ?? []).every((check) => EXACT_CHECKS.has(check._zod.def.check));
}
