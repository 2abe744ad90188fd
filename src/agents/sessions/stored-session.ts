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

/** The stored history as typed messages (a shallow check; see `StoredHistorySchema`). */
export function storedHistory(value: unknown): Message[] {
  return StoredHistorySchema.parse(value) as Message[];
}

/** The window's exchange rows (each an array of messages) as one history; anything else is left to the check. */
export function flattenRows(rows: unknown): unknown {
  return Array.isArray(rows) && rows.every(Array.isArray) ? rows.flat() : rows;
}

/** `Infinity` and `undefined` mean "no bound" for windows and caps; SQL gets the largest safe integer. */
export function sqlBound(value: number | undefined): number {
  return value === undefined || !Number.isFinite(value) ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.floor(value));
}
