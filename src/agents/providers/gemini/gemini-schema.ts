import { type Schema, Type } from '@google/genai';
import type { JsonSchema } from '../../model/index.js';

/**
 * JSON Schema → the OpenAPI-3 subset Gemini's `FunctionDeclaration.parameters` accepts.
 *
 * Gemini rejects what zod 4 (`z.toJSONSchema`) and the MCP SDK emit freely: `$schema`,
 * `additionalProperties`, `$ref`/`$defs`, `const`, `type: [..., "null"]`, non-string enums, most
 * `format`s, `default`, `examples`, `oneOf`/`allOf`, `exclusiveMinimum`. So: refs are inlined (a
 * recursive ref becomes an untyped-properties OBJECT), `allOf` is merged, `oneOf` is `anyOf`, a null
 * branch becomes `nullable`, `const` becomes a one-value enum, the rest is dropped, and a value the
 * model could no longer see (a non-string enum, an exclusive bound) is said in the description.
 */

type Node = { [key: string]: unknown };

const MAX_DEPTH = 32;
const TYPES: Record<string, Type> = {
  string: Type.STRING,
  number: Type.NUMBER,
  integer: Type.INTEGER,
  boolean: Type.BOOLEAN,
  array: Type.ARRAY,
  object: Type.OBJECT,
};
/** Formats Gemini accepts, per type; every other format is dropped. */
const FORMATS: Partial<Record<Type, readonly string[]>> = {
  [Type.STRING]: ['enum', 'date-time'],
  [Type.NUMBER]: ['float', 'double'],
  [Type.INTEGER]: ['int32', 'int64'],
};

interface Context {
  root: Node;
  /** Refs being expanded on the current path: a repeat is recursion. */
  refs: readonly string[];
  depth: number;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(ref: string, root: Node): Node | undefined {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    current = isNode(current) ? current[key] : undefined;
  }
  return isNode(current) ? current : undefined;
}

function mergeAllOf(node: Node): Node {
  const { allOf, ...rest } = node;
  const merged: Node = { ...rest };
  const properties: Node = isNode(rest.properties) ? { ...rest.properties } : {};
  const required = new Set<string>(Array.isArray(rest.required) ? rest.required.map(String) : []);
  for (const part of Array.isArray(allOf) ? allOf : []) {
    if (!isNode(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isNode(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) for (const r of value) required.add(String(r));
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function appendDescription(schema: Schema, note: string): void {
  schema.description = schema.description ? `${schema.description} (${note})` : note;
}

function isNullSchema(value: unknown): boolean {
  return isNode(value) && (value.type === 'null' || (value.const === null && value.type === undefined));
}

/** `anyOf`/`oneOf` branches: null → nullable; all string constants → one enum; else `anyOf`. */
function convertUnion(node: Node, branches: unknown[], ctx: Context): Schema {
  const { anyOf: _a, oneOf: _o, ...rest } = node;
  const nullable = branches.some(isNullSchema);
  const others = branches.filter((b) => !isNullSchema(b));
  let schema: Schema;
  const literals = others.every((b) => isNode(b) && (b.const !== undefined || Array.isArray(b.enum)));
  const values = literals
    ? others.flatMap((b) => (isNode(b) ? (b.const !== undefined ? [b.const] : (b.enum as unknown[])) : []))
    : [];
  if (others.length > 0 && literals && values.every((v) => typeof v === 'string')) {
    schema = { type: Type.STRING, enum: [...new Set(values as string[])] };
  } else if (others.length > 0 && literals) {
    // A union of number/boolean literals: one type, the allowed values said in words.
    const kind = values.every((v) => typeof v === 'number')
      ? values.every(Number.isInteger)
        ? Type.INTEGER
        : Type.NUMBER
      : Type.STRING;
    schema = { type: kind };
    appendDescription(schema, `one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  } else if (others.length === 1) {
    schema = convertNode(others[0], ctx);
  } else if (others.length === 0) {
    schema = { type: Type.STRING };
  } else {
    schema = { anyOf: others.map((b) => convertNode(b, ctx)) };
  }
  const outer = convertNode({ ...rest, type: undefined }, ctx, true);
  if (outer.description) {
    const note = literals ? schema.description : undefined;
    schema.description = note ? `${outer.description} (${note})` : outer.description;
  }
  if (outer.title) schema.title = outer.title;
  if (nullable) schema.nullable = true;
  return schema;
}

/** The `type` keyword: a name, or a list (null → nullable; several others → `anyOf` of each). */
function typeOf(node: Node): { type?: Type; nullable?: boolean; anyOf?: Type[] } {
  const raw = node.type;
  const names = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  const nullable = names.includes('null');
  const types = names.map((n) => TYPES[n]).filter((t): t is Type => t !== undefined);
  if (types.length === 0) {
    if (isNode(node.properties)) return { type: Type.OBJECT, nullable };
    if (node.items !== undefined) return { type: Type.ARRAY, nullable };
    if (typeof node.const === 'string' || Array.isArray(node.enum)) return { type: Type.STRING, nullable };
    return { nullable };
  }
  if (types.length === 1) return { type: types[0] as Type, nullable };
  return { anyOf: types, nullable };
}

function copyBounds(node: Node, schema: Schema): void {
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    if (typeof node[key] === 'number') schema[key] = String(node[key]);
  }
  if (typeof node.minimum === 'number') schema.minimum = node.minimum;
  if (typeof node.maximum === 'number') schema.maximum = node.maximum;
  if (typeof node.exclusiveMinimum === 'number') appendDescription(schema, `greater than ${node.exclusiveMinimum}`);
  if (typeof node.exclusiveMaximum === 'number') appendDescription(schema, `less than ${node.exclusiveMaximum}`);
}

function convertNode(input: unknown, ctx: Context, shallow = false): Schema {
  if (!isNode(input) || ctx.depth > MAX_DEPTH) return { type: Type.STRING };
  let node = input;
  const inner: Context = { ...ctx, depth: ctx.depth + 1 };
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    const target = ctx.refs.includes(ref) ? undefined : resolveRef(ref, ctx.root);
    const { $ref: _r, ...siblings } = node;
    // A recursive reference cannot be inlined: cut it to a plain object the model fills as it can.
    if (!target)
      return {
        type: Type.OBJECT,
        ...(typeof siblings.description === 'string' ? { description: siblings.description } : {}),
      };
    return convertNode({ ...target, ...siblings }, { ...inner, refs: [...ctx.refs, ref] });
  }
  if (Array.isArray(node.allOf)) node = mergeAllOf(node);
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (branches && !shallow) return convertUnion(node, branches, inner);

  const schema: Schema = {};
  if (typeof node.title === 'string') schema.title = node.title;
  if (typeof node.description === 'string') schema.description = node.description;
  if (shallow) return schema;

  const { type, nullable, anyOf } = typeOf(node);
  if (anyOf)
    schema.anyOf = anyOf.map((t) =>
      convertNode({ ...node, type: Object.keys(TYPES).find((k) => TYPES[k] === t) }, inner),
    );
  else schema.type = type ?? Type.STRING;
  if (nullable || node.nullable === true) schema.nullable = true;
  if (anyOf) return schema;

  if (node.const !== undefined && node.const !== null) {
    if (typeof node.const === 'string') schema.enum = [node.const];
    else appendDescription(schema, `must be ${JSON.stringify(node.const)}`);
  }
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => v !== null);
    if (node.enum.includes(null)) schema.nullable = true;
    if (values.every((v) => typeof v === 'string')) schema.enum = values as string[];
    else appendDescription(schema, `one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  const format = typeof node.format === 'string' ? node.format : undefined;
  if (format && schema.type && FORMATS[schema.type]?.includes(format)) schema.format = format;
  else if (format) appendDescription(schema, `format: ${format}`);
  // Patterns that come with a format are the generator's regex for it (zod emits huge ones); keep only hand-written ones.
  if (typeof node.pattern === 'string' && !format) schema.pattern = node.pattern;
  copyBounds(node, schema);

  if (schema.type === Type.OBJECT && isNode(node.properties)) {
    const properties: Record<string, Schema> = {};
    for (const [key, value] of Object.entries(node.properties)) properties[key] = convertNode(value, inner);
    schema.properties = properties;
    const required = Array.isArray(node.required)
      ? node.required.filter((r): r is string => typeof r === 'string' && r in properties)
      : [];
    if (required.length > 0) schema.required = required;
  }
  if (schema.type === Type.ARRAY) {
    const items = Array.isArray(node.prefixItems)
      ? node.prefixItems[0]
      : Array.isArray(node.items)
        ? node.items[0]
        : node.items;
    schema.items = isNode(items) ? convertNode(items, inner) : { type: Type.STRING };
  }
  return schema;
}

/**
 * Gemini's `parameters` for a tool's JSON Schema, or `undefined` when the tool takes no arguments
 * (Gemini wants the field absent then, not an empty OBJECT).
 *
 * @example
 * toGeminiSchema(z.toJSONSchema(z.object({ email: z.email().optional() })))
 * // → { type: 'OBJECT', properties: { email: { type: 'STRING' } } }
 */
export function toGeminiSchema(schema: JsonSchema): Schema | undefined {
  const converted = convertNode(schema, { root: schema, refs: [], depth: 0 });
  if (converted.type === Type.OBJECT && Object.keys(converted.properties ?? {}).length === 0) return undefined;
  return converted;
}
