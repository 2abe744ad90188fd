/** Parses a JSON column that our own code wrote; a corrupt value reads as the fallback, not a crash. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `undefined` → SQL NULL (better-sqlite3 rejects undefined bindings). */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}
