/**
 * A copy of a plain data value (plain objects and arrays of primitives, to a small depth) that tells,
 * without serializing, whether a value would give the same `JSON.stringify` text as the one copied:
 * same own enumerable keys in the same order, same primitives (`===`), same array lengths. What it
 * cannot vouch for (functions, class instances, dates, `toJSON`, inherited keys, deep nesting) makes no
 * snapshot: the caller serializes again.
 */
export class JsonSnapshot {
  private constructor(private readonly copy: unknown) {}

  /** A snapshot of `value`, or undefined when its text could change without this seeing it. */
  static of(value: unknown): JsonSnapshot | undefined {
    const copy = copyOf(value, 0);
    return copy === UNCOMPARABLE ? undefined : new JsonSnapshot(copy);
  }

  /** Whether `value` serializes as the copied value did. */
  matches(value: unknown): boolean {
    return same(value, this.copy, 0);
  }
}

const MAX_DEPTH = 4;
const UNCOMPARABLE = Symbol('uncomparable');

/** A plain object's copy: its own enumerable keys in order and their values' copies. */
interface ObjectCopy {
  keys: string[];
  values: unknown[];
}

function copyOf(value: unknown, depth: number): unknown {
  if (typeof value === 'function') return UNCOMPARABLE;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return UNCOMPARABLE;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return UNCOMPARABLE;
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = copyOf(value[i], depth + 1);
      if (item === UNCOMPARABLE) return UNCOMPARABLE;
      items.push(item);
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return UNCOMPARABLE;
  const copy: ObjectCopy = { keys: [], values: [] };
  for (const key in value) {
    // `toJSON` would decide the text; an inherited key is not written.
    if (key === 'toJSON' || !Object.hasOwn(value, key)) return UNCOMPARABLE;
    const item = copyOf((value as Record<string, unknown>)[key], depth + 1);
    if (item === UNCOMPARABLE) return UNCOMPARABLE;
    copy.keys.push(key);
    copy.values.push(item);
  }
  return copy;
}

function same(value: unknown, copy: unknown, depth: number): boolean {
  if (typeof copy !== 'object' || copy === null) return value === copy;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
    if (value.length !== copy.length) return false;
    for (let i = 0; i < copy.length; i++) if (!same(value[i], copy[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const { keys, values } = copy as ObjectCopy;
  let i = 0;
  for (const key in value) {
    if (i >= keys.length || key !== keys[i] || !Object.hasOwn(value, key)) return false;
    if (!same((value as Record<string, unknown>)[key], values[i], depth + 1)) return false;
    i++;
  }
  return i === keys.length;
}
