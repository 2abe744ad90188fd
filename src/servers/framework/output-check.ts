import type { z } from 'zod';
import { compiledZodCheck } from '../../shared/compiled-zod-check.js';
import { frozenPartsCheck } from './frozen-parts-check.js';

/**
 * A fast, conservative check of a tool's structured result against its output schema, for the direct
 * path: when it passes, the zod parse the SDK's server runs and the JSON Schema check its client runs
 * would both pass, so neither needs to run (a zod parse of a large result costs far more than a compiled
 * JSON Schema check). When it fails — or the schema uses something JSON Schema cannot express exactly —
 * the caller runs the exact checks and answers as they do.
 *
 * Why it is safe: the schema is zod's own JSON Schema of the output (the same the server lists, patterns
 * kept), checked by ajv with `strictNumbers` (NaN and ±Infinity fail, as in zod); and only schemas built
 * from parts whose JSON Schema is exact qualify (see `exactInJsonSchema`: no refinements, transforms,
 * defaults or string formats whose zod check is not a pattern).
 */
export interface OutputCheck {
  /** True: the value passes the zod schema and its listed JSON Schema. False: ask the exact checks. */
  passes(value: unknown): boolean;
}

/** The fast check of `schema`, or undefined when it has no exact JSON Schema (always check exactly). */
export function outputCheck(schema: z.ZodObject<z.ZodRawShape>): OutputCheck | undefined {
  if (!exactInJsonSchema(schema)) return undefined;
  // Frozen parts already seen to pass (the store's kept rows) need no second look; it answers as the whole check.
  const check = frozenPartsCheck(schema, compiledZodCheck(schema, 'output'));
  return {
    passes(value) {
      return check(value) === true;
    },
  };
}

const PLAIN_TYPES = new Set(['string', 'number', 'boolean', 'null', 'literal', 'enum', 'unknown', 'any']);
const EXACT_CHECKS = new Set([
  'min_length',
  'max_length',
  'length_equals',
  'less_than',
  'greater_than',
  'multiple_of',
  'number_format',
]);

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string } } }>;
  format?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

/** Whether zod's JSON Schema of `schema` accepts exactly what the zod schema accepts (conservatively). */
export function exactInJsonSchema(schema: z.ZodType, depth = 0): boolean {
  if (depth > 64) return false;
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  // A string format (email, url, datetime…) may be checked by code, or listed without its pattern.
  if (def.type === 'string' && def.format !== undefined) return false;
  for (const check of def.checks ?? []) {
    const { check: kind, format } = check._zod.def;
    if (EXACT_CHECKS.has(kind)) continue;
    if (kind === 'string_format' && format === 'regex') continue;
    return false;
  }
  const child = (s: z.ZodType | undefined) => s === undefined || exactInJsonSchema(s, depth + 1);
  switch (def.type) {
    case 'object':
      return (
        Object.values(def.shape ?? {}).every((s) => child(s)) &&
        (def.catchall === undefined || ['never', 'unknown'].includes(defOf(def.catchall).type))
      );
    case 'array':
      return child(def.element);
    case 'optional':
    case 'nullable':
      return child(def.innerType);
    case 'union':
      return (def.options ?? []).every((s) => child(s));
    case 'record':
      return (
        defOf(def.keyType).type === 'string' && (defOf(def.keyType).checks?.length ?? 0) === 0 && child(def.valueType)
      );
    default:
      return PLAIN_TYPES.has(def.type);
  }
}

function defOf(schema: z.ZodType | undefined): Def {
  return schema ? (schema as unknown as { _zod: { def: Def } })._zod.def : { type: 'undefined' };
}
