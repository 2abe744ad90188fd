import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';

// Meta-schema checks only (no compilation of the tools' own validators here): draft-07 by default,
// 2020-12 when the schema says so. `strict: false` lets vendor keywords through, as MCP servers send them.
const draft7 = new Ajv({ strict: false, validateFormats: false, logger: false });
const draft2020 = new Ajv2020({ strict: false, validateFormats: false, logger: false });

/** A tool name MCP clients and the host's namespacing accept. */
const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The zod shape of a Go-provided tool's arguments, or why it cannot be offered: the name must be a plain
 * identifier, the schema a valid JSON Schema (checked against its meta-schema) of an object, and
 * convertible to zod (the MCP server validates calls and lists the schema from that shape).
 */
export function remoteInputShape(
  name: string,
  parameters: Record<string, unknown> | undefined,
): { shape: z.ZodRawShape } | { problem: string } {
  if (!TOOL_NAME.test(name)) return { problem: `tool name "${name.slice(0, 80)}" is not a plain identifier` };
  if (!parameters) return { problem: 'parameters_json is not a JSON object' };
  const draft = typeof parameters.$schema === 'string' && parameters.$schema.includes('2020-12') ? draft2020 : draft7;
  const { $schema: _dialect, ...schema } = parameters;
  if (!draft.validateSchema(schema)) {
    return { problem: `parameters are not a valid JSON Schema: ${draft.errorsText(draft.errors)}` };
  }
  if (schema.type !== 'object') return { problem: 'parameters must describe an object ("type": "object")' };
  try {
    const converted = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (!(converted instanceof z.ZodObject)) return { problem: 'parameters do not convert to an object schema' };
    return { shape: converted.shape };
  } catch (error) {
    return { problem: `parameters use JSON Schema this host cannot enforce: ${(error as Error).message}` };
  }
}
