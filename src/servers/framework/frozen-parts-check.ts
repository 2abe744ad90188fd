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

/** How many frozen values that passed once each part keeps in view, to notice one coming back. */
const RECENT = 8;

/** One top-level property's check, and the deeply frozen values it has seen pass. */
interface Part {
  key: string;
  check: (value: unknown) => boolean | undefined;
  /** Deeply frozen values that passed: they pass again without a look. */
  passed: WeakSet<object>;
  /**
   * The last frozen values that passed once (a ring): one met again is walked (`deeplyFrozen`) and
   * remembered in `passed`. A fresh result that never comes back costs a slot, not a walk.
   */
  recent: Array<object | undefined>;
  next: number;
}

interface Split {
  keys: ReadonlySet<string>;
  required: readonly string[];
  parts: readonly Part[];
}

/**
 * `whole` (the compiled JSON Schema check of an object's output schema, zod's own) made cheaper for
 * values carrying parts it has already seen pass: the store's caches hand out the same deeply frozen
 * rows call after call (a contact's recent memories, messages and graph), and a value that cannot
 * change passes again without a second look. When some top-level property of `value` is such a part,
 * the check is split by property: the object's own keywords (type, required, no other keys) as ajv
 * checks them, each other present property by its own compiled check of the same JSON Schema, so it
 * answers what `whole` answers. Otherwise `whole` runs, and frozen parts that passed are noted.
 *
 * The split applies to schemas whose top level has only `SPLITTABLE` keywords and no `$ref` anywhere;
 * any other schema is always checked whole.
 */
export function frozenPartsCheck(
  schema: z.ZodObject<z.ZodRawShape>,
  whole: (value: unknown) => boolean | undefined,
): (value: unknown) => boolean | undefined {
  // undefined: not built yet (on first use, as the whole check compiles); null: the schema does not split.
  let split: Split | null | undefined;
  return (value) => {
    if (split === undefined) split = splitOf(schema);
    if (split === null || typeof value !== 'object' || value === null || Array.isArray(value)) return whole(value);
    const record = value as Record<string, unknown>;
    let frozen = false;
    for (const part of split.parts) {
      const child = record[part.key];
      if (typeof child !== 'object' || child === null || !Object.isFrozen(child)) continue;
      if (part.passed.has(child)) return passesParts(split, record);
      frozen = true;
    }
    const passes = whole(value);
    if (passes === true && frozen) for (const part of split.parts) noteFrozen(part, record[part.key]);
    return passes;
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
      recent: new Array<object | undefined>(RECENT).fill(undefined),
      next: 0,
    })),
  };
}

/** As ajv checks `{ type: 'object', properties, required, additionalProperties: false }` (`value` is an object). */
function passesParts(split: Split, value: Record<string, unknown>): boolean {
  for (const key in value) if (!split.keys.has(key)) return false;
  for (const key of split.required) if (value[key] === undefined) return false;
  for (const part of split.parts) {
    const child = value[part.key];
    if (child === undefined) continue;
    if (typeof child === 'object' && child !== null && part.passed.has(child)) continue;
    if (part.check(child) !== true) return false;
    noteFrozen(part, child);
  }
  return true;
}

/** Notes that `child` passed `part`: a frozen value met a second time is remembered if it cannot change. */
function noteFrozen(part: Part, child: unknown): void {
  if (typeof child !== 'object' || child === null || !Object.isFrozen(child) || part.passed.has(child)) return;
  if (part.recent.includes(child)) {
    if (deeplyFrozen(child)) part.passed.add(child);
    part.recent[part.recent.indexOf(child)] = undefined;
    return;
  }
  part.recent[part.next] = child;
  part.next = (part.next + 1) % RECENT;
}
