import type { Message } from '../../model/index.js';

/** A turn's messages before its user message, as last checked, and whether the check passed. */
interface CheckedPrefix {
  prefix: readonly Message[];
  passed: boolean;
}

/**
 * Checks of the history before a turn, by the turn's user message. The model is called several times
 * a turn with the same history before the turn (the runtime shares the message objects and copies only
 * the outer array), and reading every message of it is the one part of a decision that grows with the
 * session: those objects are cold by then, so it cost more than the rest of the turn reading. A later
 * call whose messages before the turn are the same objects, in the same order, reuses the result.
 * History messages are not edited in place (the stores and the runtime append), so the same objects
 * hold the same parts.
 */
const checkedPrefixes = new WeakMap<Message, CheckedPrefix>();

/** Whether `passes` holds for every message before `messages[start]` (checked once a turn, see above). */
export function prefixPasses(messages: readonly Message[], start: number, passes: (m: Message) => boolean): boolean {
  const turnStart = messages[start];
  if (turnStart === undefined) return everyBefore(messages, start, passes);
  const checked = checkedPrefixes.get(turnStart);
  if (checked !== undefined && sameBefore(checked.prefix, messages, start)) return checked.passed;
  const passed = everyBefore(messages, start, passes);
  checkedPrefixes.set(turnStart, { prefix: messages.slice(0, start), passed });
  return passed;
}

/** Drops the check of a turn that is answered (its user message stays in the history). */
export function forgetPrefix(turnStart: Message | undefined): void {
  if (turnStart !== undefined) checkedPrefixes.delete(turnStart);
}

function everyBefore(messages: readonly Message[], start: number, passes: (m: Message) => boolean): boolean {
  for (let i = 0; i < start; i++) if (!passes(messages[i] as Message)) return false;
  return true;
}

/** Whether `messages` start with exactly the objects of `prefix`, up to `start`. */
function sameBefore(prefix: readonly Message[], messages: readonly Message[], start: number): boolean {
  if (prefix.length !== start) return false;
  for (let i = 0; i < start; i++) if (prefix[i] !== messages[i]) return false;
  return true;
}
