import type { z } from 'zod';
import { toJSONSchema } from 'zod';
import { compiledJsonSchemaCheck } from '../../shared/compiled-zod-check.js';
import { deeplyFrozen } from './deeply-frozen.js';

/** Top-level keywords a split object schema may have: any other one could constrain the whole object. */
const SPLITTABLE = new Set([
  '$schema',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'description',
  'title',
  'examples',
]);

/** One top-level property's check, and the deeply frozen values it has seen pass. */
interface Part {
  key: string;
  check: (value: unknown) => boolean | undefined;
  passed: WeakSet<object>;
  /**
   * Objects that passed once (`seen`), or that passed again but may change (`mutable`): a value is
   * walked (`deeplyFrozen`) only when it comes back, and once — most fresh results never do.
   */
  met: WeakMap<object, 'seen' | 'mutable'>;
}

interface Split {
  keys: ReadonlySet<string>;
  required: readonly string[];
  parts: readonly Part[];
}

/**
 * The compiled JSON Schema check of an object's output schema (zod's own, as `compiledZodCheck` makes
 * it) split by top-level property, each property's check remembering the deeply frozen values that
 * passed it: the store's caches hand out the same frozen rows call after call (a contact's recent
 * memories and messages, a search's results), and a value that cannot change passes again without a
 * second look. Answers what the whole check answers: the object's own keywords (type, required, no
 * other keys) are checked here as ajv checks them, each present property by its own compiled check.
 *
 * Returns undefined when it does not apply — the schema does not split (a `$ref`, or an object keyword
 * beyond `SPLITTABLE`), or no property of `value` is a frozen object, where remembering cannot pay —
 * and the caller runs the whole check.
 */
export function frozenPartsCheck(schema: z.ZodObject<z.ZodRawShape>): (value: unknown) => boolean | undefined {
  // undefined: not built yet (on first use, as the whole check compiles); null: the schema does not split.
  let split: Split | null | undefined;
  return (value) => {
    if (split === undefined) split = splitOf(schema);
    if (split === null || !hasFrozenPart(split, value)) return undefined;
    return passesParts(split, value as Record<string, unknown>);
  };
}

function splitOf(schema: z.ZodObject<z.ZodRawShape>): Split | null {
  let json: Record<string, unknown>;
  try {
    json = toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  } catch {
    return null;
  }
  const properties = json.properties as Record<string, Record<string, unknown>> | undefined;
  if (json.type !== 'object' || json.additionalProperties !== false || typeof properties !== 'object') return null;
  if (Object.keys(json).some((keyword) => !SPLITTABLE.has(keyword))) return null;
  // A reference reaches into the whole document: a property's schema alone would not resolve it.
  if (JSON.stringify(json).includes('"$ref"')) return null;
  const required = Array.isArray(json.required) ? (json.required as string[]) : [];
  return {
    keys: new Set(Object.keys(properties)),
    required,
    parts: Object.entries(properties).map(([key, property]) => ({
      key,
      check: compiledJsonSchemaCheck(() => property),
      passed: new WeakSet<object>(),
      met: new WeakMap<object, 'seen' | 'mutable'>(),
    })),
  };
}

function hasFrozenPart(split: Split, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const part of split.parts) {
    const child = (value as Record<string, unknown>)[part.key];
    if (typeof child === 'object' && child !== null && Object.isFrozen(child)) return true;
  }
  return false;
}

/** As ajv checks `{ type: 'object', properties, required, additionalProperties: false }`. */
function passesParts(split: Split, value: Record<string, unknown>): boolean {
  for (const key in value) if (!split.keys.has(key)) return false;
  for (const key of split.required) if (value[key] === undefined) return false;
  for (const part of split.parts) {
    const child = value[part.key];
    if (child === undefined) continue;
    const object = typeof child === 'object' && child !== null;
    if (object && part.passed.has(child)) continue;
    if (part.check(child) !== true) return false;
    if (object) remember(part, child);
  }
  return true;
}

/** Notes that `value` passed `part`: it is remembered as passing the second time, if it cannot change. */
function remember(part: Part, value: object): void {
  const met = part.met.get(value);
  if (met === undefined) part.met.set(value, 'seen');
  else if (met === 'seen') {
    if (deeplyFrozen(value)) part.passed.add(value);
    else part.met.set(value, 'mutable');
  }
}
