import type { Message } from '../model/index.js';

/**
 * Whether `value` is what `JSON.parse(JSON.stringify(value))` gives back, as far as any reader can tell:
 * strings, booleans, finite numbers (not -0), null, and arrays and plain objects of those — no
 * undefined (dropped or made null), no holes, functions, dates, class instances, symbol or hidden keys.
 * (Accessor properties are not looked for: nothing builds messages with getters.)
 */
export function isJsonPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      return value === null || (Array.isArray(value) ? isPlainArray(value) : isPlainObject(value));
    default:
      return false;
  }
}

function isPlainArray(array: readonly unknown[]): boolean {
  if (Object.getPrototypeOf(array) !== Array.prototype) return false;
  // Own keys beyond the indexes and `length` are not written.
  if (Reflect.ownKeys(array).length !== array.length + 1) return false;
  for (let i = 0; i < array.length; i++) if (!isJsonPlain(array[i])) return false;
  return true;
}

function isPlainObject(object: object): boolean {
  if (Object.getPrototypeOf(object) !== Object.prototype) return false;
  // The values by for-in (no key array), then the key count against every own string key and no symbol
  // key: symbol and non-enumerable keys are not written either. Not `Reflect.ownKeys`, which cost ~400
  // bytes an object (its key set is built in a hash set) for every object of every appended message.
  let count = 0;
  for (const key in object) {
    // An inherited enumerable key (a changed Object.prototype) is not the object's own: not plain.
    if (!Object.hasOwn(object, key) || !isJsonPlain((object as Record<string, unknown>)[key])) return false;
    count++;
  }
  return Object.getOwnPropertyNames(object).length === count && Object.getOwnPropertySymbols(object).length === 0;
}

/**
 * Whether a load would give back these very messages from their JSON text: JSON-plain (above), each
 * with a valid role, a content array and no other key (a load keeps only `role` and `content`).
 */
export function loadsAsItself(messages: readonly Message[]): boolean {
  for (const message of messages) {
    if (message.role !== 'user' && message.role !== 'assistant') return false;
    if (!Array.isArray(message.content) || !onlyRoleAndContent(message)) return false;
    if (!isJsonPlain(message)) return false;
  }
  return true;
}

/**
 * No enumerable key but `role` and `content` (a for-in, not `Object.keys`: no array per message; an
 * inherited enumerable key fails here too, and `isJsonPlain` then rejects symbol and hidden keys).
 */
function onlyRoleAndContent(message: Message): boolean {
  for (const key in message) if (key !== 'role' && key !== 'content') return false;
  return true;
}
