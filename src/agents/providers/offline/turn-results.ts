import type { ToolResultPart } from '../../model/index.js';
import type { PolicyResults } from './offline-policy.js';
import { baseToolName, type OfflineTurn } from './offline-turn.js';
import { ToolFailure } from './policy-kit/tool-results.js';

function parseResult(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/**
 * Parsed results by part: the loop hands the model the same result parts every round of a turn, and a
 * turn of n calls would parse its first result n times (large memory results showed in CPU profiles).
 * Keyed by the part and checked against its text, so a part whose content changed is parsed again.
 * Policies only read results, so sharing the parsed value between rounds answers the same.
 */
const parsedResults = new WeakMap<ToolResultPart, { content: string; value: unknown }>();

function parsedResult(part: ToolResultPart): unknown {
  const cached = parsedResults.get(part);
  if (cached !== undefined && cached.content === part.content) return cached.value;
  const value = parseResult(part.content);
  parsedResults.set(part, { content: part.content, value });
  return value;
}

/**
 * Drops the parsed results of a turn the model has answered. The parts stay in the session's history
 * (stores keep a window of it in memory), and the cache entries with them: parsed values outlived
 * their turn, were promoted to the old generation and showed among the long-lived allocations. A part
 * read again (a retried call) is parsed again, to the same value.
 */
export function forgetResults(turn: OfflineTurn): void {
  for (const part of turn.results) parsedResults.delete(part);
}

/** The tool name of this turn's call `id` (for a result that does not carry it). */
function callName(turn: OfflineTurn, id: string): string | undefined {
  let name: string | undefined;
  // The last call with the id, as a map built from the calls in order would hold.
  for (const call of turn.calls) if (call.id === id) name = call.name;
  return name;
}

/**
 * A turn's results by base tool name, each read from its part the first time a policy asks for it:
 * most turns start with a memory search whose result (the largest: ~40 % of the JSON parsed per
 * message) most policies never read. Reads as the map built eagerly did — same keys in the same order,
 * same values, one value per key for the life of the map.
 */
export class TurnResults implements PolicyResults {
  readonly #parts = new Map<string, ToolResultPart>();
  readonly #values = new Map<string, unknown>();

  /** A later part of the same tool replaces an earlier one (keeping its place, as `Map.set` does). */
  set(name: string, part: ToolResultPart): void {
    this.#parts.set(name, part);
  }

  get size(): number {
    return this.#parts.size;
  }

  has(name: string): boolean {
    return this.#parts.has(name);
  }

  get(name: string): unknown {
    const part = this.#parts.get(name);
    if (part === undefined) return undefined;
    // Parsed JSON, the text and a ToolFailure are never undefined: undefined means "not read yet".
    let value = this.#values.get(name);
    if (value === undefined) {
      value = part.isError ? new ToolFailure(part.content) : parsedResult(part);
      this.#values.set(name, value);
    }
    return value;
  }

  keys(): MapIterator<string> {
    return this.#parts.keys();
  }

  // Reading every value parses every result: iteration is for the few answers that list them all.
  values(): MapIterator<unknown> {
    return this.#all().values();
  }

  entries(): MapIterator<[string, unknown]> {
    return this.#all().entries();
  }

  [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.#all().entries();
  }

  forEach(callback: (value: unknown, key: string, map: PolicyResults) => void, thisArg?: unknown): void {
    for (const [key, value] of this.#all()) callback.call(thisArg, value, key, this);
  }

  #all(): Map<string, unknown> {
    const all = new Map<string, unknown>();
    for (const name of this.#parts.keys()) all.set(name, this.get(name));
    return all;
  }
}

/**
 * Tool results of this turn: base tool name → parsed JSON (or the text; a failed call: a
 * {@link ToolFailure} with the error text). A later call of a tool wins.
 */
export function resultsOf(turn: OfflineTurn): TurnResults {
  const results = new TurnResults();
  for (const result of turn.results) {
    const name = result.toolName || callName(turn, result.toolUseId) || result.toolUseId;
    results.set(baseToolName(name), result);
  }
  return results;
}
