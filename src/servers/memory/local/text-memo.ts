/** Texts remembered per memoized function. */
const KEPT_TEXTS = 64;

/**
 * `fn` of a query text, remembered for the most recent texts: a message's searches (its memory
 * context, then its agent's search_memory) analyse the same words. Only for pure functions of the
 * text; the kept results are frozen (shared by every caller).
 */
export function memoizeText<T extends object>(fn: (text: string) => T, maxTexts = KEPT_TEXTS): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    let value = kept.get(text);
    if (value === undefined) {
      value = Object.freeze(fn(text));
      kept.set(text, value);
      if (kept.size > maxTexts) kept.delete(kept.keys().next().value as string);
    }
    return value;
  };
}
