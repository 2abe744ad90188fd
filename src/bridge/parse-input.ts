import type { z } from 'zod';
import { InvalidInputError } from '../shared/index.js';

/** Parses outside input with a schema; a failure names every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  if (value === Symbol.for('invalid-json')) throw new InvalidInputError(`${what} is not valid JSON`);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  throw new InvalidInputError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}
