/**
 * Whether `value` can never change: a primitive, or a frozen plain object or array (prototype
 * Object.prototype, Array.prototype or null) whose own properties are all data properties holding
 * such values, all the way down. A check's verdict on such a value holds for as long as it lives.
 * (`Object.isFrozen` alone says nothing of the children: a shallow-frozen row may still change.)
 */
export function deeplyFrozen(value: unknown, depth = 0): boolean {
  if (typeof value === 'function') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (depth > 64 || !Object.isFrozen(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) return false;
  for (const key of Reflect.ownKeys(value)) {
    const property = Object.getOwnPropertyDescriptor(value, key);
    // A getter may answer differently on every read.
    if (property === undefined || !('value' in property)) return false;
    if (!deeplyFrozen(property.value, depth + 1)) return false;
  }
  return true;
}
