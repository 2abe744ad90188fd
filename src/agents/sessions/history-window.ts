import type { Message } from '../model/index.js';

/**
 * A user turn that starts an exchange (not the tool results answering an assistant's tool calls). A
 * history may be cut only before such a message: providers reject a tool_result without its tool_use.
 */
export function startsExchange(message: Message): boolean {
  return message.role === 'user' && !message.content.some((part) => part.type === 'tool_result');
}

/**
 * The last `max` messages of a history, moved forward to the next user turn so the window never starts
 * between a tool_use and its tool_result (providers reject an orphan tool_result). Returns a shallow
 * slice (or the same array when nothing is cut): messages are never copied.
 *
 * Windows compose: for `m ≤ n`, `historyWindow(historyWindow(h, n), m)` equals `historyWindow(h, m)` —
 * so a store may load the last `n` messages and an agent cut its own `m` from them.
 */
export function historyWindow(history: readonly Message[], max: number): readonly Message[] {
  if (history.length <= max) return history;
  let start = history.length - max;
  while (start < history.length && !startsExchange(history[start] as Message)) start++;
  return history.slice(start);
}
