import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { z } from 'zod';
import { toJSONSchema } from 'zod';

// strictNumbers: NaN and ±Infinity fail, as they do in zod.
const OPTIONS = { strict: false, validateSchema: false, validateFormats: false, strictNumbers: true } as const;
const unicode = new Ajv2020(OPTIONS);
// Patterns without the `u` flag, as zod compiles its own regexes.
const plain = new Ajv2020({ ...OPTIONS, unicodeRegExp: false });

/**
 * zod's own JSON Schema of `schema` (`io` side), compiled by ajv on first use: a fast check for hot
 * paths that then skip the zod parse when it passes. Answers true or false, or undefined when the
 * JSON Schema cannot be compiled (then, and on every later call, the caller must parse with zod).
 */
export function compiledZodCheck(
  schema: z.ZodType,
  io: 'input' | 'output',
  options: { unicodeRegExp?: boolean } = {},
): (value: unknown) => boolean | undefined {
  return compiledJsonSchemaCheck(() => toJSONSchema(schema, { io, target: 'draft-2020-12' }), options);
}

/**
 * A JSON Schema (draft 2020-12, made by `jsonSchema()` on first use) compiled by the same ajv, with the
 * same options, as `compiledZodCheck`: for a part of a zod schema's own JSON Schema. Answers as
 * `compiledZodCheck` does (undefined, now and on every later call, when it cannot be compiled).
 */
export function compiledJsonSchemaCheck(
  jsonSchema: () => Record<string, unknown>,
  options: { unicodeRegExp?: boolean } = {},
): (value: unknown) => boolean | undefined {
  let compiled: ValidateFunction | undefined;
  let unusable = false;
  return (value) => {
    if (unusable) return undefined;
    try {
      compiled ??= (options.unicodeRegExp === false ? plain : unicode).compile(jsonSchema());
    } catch {
      unusable = true;
      return undefined;
    }
    return compiled(value) === true;
  };
}
