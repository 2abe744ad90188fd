import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';

/**
 * The SDK's ajv validator, compiled on first use instead of at `tools/list`. The client compiles
 * every tool's output schema as soon as it lists tools, which made start-up with our six servers
 * spend most of its time in ajv for tools that may never be called.
 */
export class LazyJsonSchemaValidator implements jsonSchemaValidator {
  private readonly ajv = new AjvJsonSchemaValidator();

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    let compiled: JsonSchemaValidator<T> | undefined;
    return (input) => {
      compiled ??= this.ajv.getValidator<T>(schema);
      return compiled(input);
    };
  }
}
