import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { logger } from '../../shared/index.js';
import type { JsonSchema } from '../model/index.js';

// One Ajv for the process. `strict: false` and no meta-schema check: MCP servers send schemas of any
// draft with vendor keywords; we validate what we understand rather than refuse the tool.
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateSchema: false,
  validateFormats: false,
  addUsedSchema: false,
  logger: false,
});

// Compiled once per schema object (tools keep theirs); `null` = the schema does not compile, skip checks.
const validators = new WeakMap<JsonSchema, ValidateFunction | null>();

function validatorFor(schema: JsonSchema): ValidateFunction | null {
  let validate = validators.get(schema);
  if (validate === undefined) {
    try {
      const { $schema: _draft, ...rest } = schema;
      validate = ajv.compile(rest);
    } catch (error) {
      logger.warn({ err: error }, 'tool input schema does not compile; arguments are passed unchecked');
      validate = null;
    }
    validators.set(schema, validate);
  }
  return validate;
}

/**
 * Checks tool arguments against the tool's JSON Schema. Returns `undefined` when they are valid, or a
 * message for the model naming every bad field (it reads it as a tool error and can retry).
 */
export function checkToolArgs(schema: JsonSchema, args: Record<string, unknown>): string | undefined {
  const validate = validatorFor(schema);
  if (validate === null || validate(args)) return undefined;
  const problems = new Set((validate.errors ?? []).map(describe));
  return [...problems].join('; ');
}

function describe(error: ErrorObject): string {
  const at = error.instancePath.slice(1).replaceAll('/', '.');
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${field(String(params.missingProperty))}"`;
    case 'additionalProperties':
      return `unexpected field "${field(String(params.additionalProperty))}"`;
    case 'enum':
      return `field "${at}" must be one of ${JSON.stringify(params.allowedValues)}`;
    default:
      return at ? `field "${at}" ${error.message ?? 'is invalid'}` : `arguments ${error.message ?? 'are invalid'}`;
  }
}
