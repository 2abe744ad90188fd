import { z } from 'zod';
import { AgentError } from '../errors.js';
import type { Message } from '../model/index.js';

/** State as stored: a JSON object. */
export const StoredStateSchema = z.record(z.string(), z.unknown());

// Messages are written only by the stores from typed Messages; a shallow check catches corruption
// without paying for a deep validation of every message on every load.
export const StoredHistorySchema = z.array(
  z.object({ role: z.enum(['user', 'assistant']), content: z.array(z.unknown()) }),
);

/** Parses what a store read back, or throws the typed `session_corrupt` error. */
export function parseStored<T>(key: { tenantId: string; sessionId: string }, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new AgentError('session_corrupt', `stored session "${key.sessionId}" cannot be read`, {
      cause: error,
      details: { tenantId: key.tenantId, sessionId: key.sessionId },
    });
  }
}

/**
 * The stored history as typed messages: what `StoredHistorySchema` accepts and returns (messages keep
 * only `role` and `content`), checked by hand — a zod parse of every loaded message showed in CPU
 * profiles. Throws on anything else (`parseStored` makes that `session_corrupt`).
 */
export function storedHistory(value: unknown): Message[] {
  if (!Array.isArray(value)) throw new TypeError('stored history is not an array');
  const messages: Message[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) messages[i] = storedMessage(value[i], i);
  return messages;
}

function storedMessage(value: unknown, index: number): Message {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`stored message ${index} is not an object`);
  }
  const { role, content } = value as { role?: unknown; content?: unknown };
  if ((role !== 'user' && role !== 'assistant') || !Array.isArray(content)) {
    throw new TypeError(`stored message ${index} has no valid role and content`);
  }
  // As the schema strips unknown keys: a message that carries only its two keys is kept as parsed.
  let keys = 0;
  for (const _ in value) keys++;
  return keys === 2 ? (value as Message) : { role, content: [...content] as Message['content'] };
}

/** The window's exchange rows (each an array of messages) as one history; anything else is left to the check. */
export function flattenRows(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  let length = 0;
  for (const row of rows) {
    if (!Array.isArray(row)) return rows;
    length += row.length;
  }
  const flat: unknown[] = new Array(length);
  let at = 0;
  for (const row of rows as unknown[][]) for (const message of row) flat[at++] = message;
  return flat;
}

/** Stored state: what `StoredStateSchema` accepts (a JSON object), checked by hand like the history. */
export function storedState(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('stored state is not an object');
  }
  return value as Record<string, unknown>;
}

/** `Infinity` and `undefined` mean "no bound" for windows and caps; SQL gets the largest safe integer. */
export function sqlBound(value: number | undefined): number {
  return value === undefined || !Number.isFinite(value) ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.floor(value));
}
