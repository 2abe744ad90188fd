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

/** A run of messages that begins an exchange (or, first in a list, continues the previous one). */
export interface ExchangeGroup {
  /** Position of its first message in the list that was split. */
  offset: number;
  /** False only for messages before the list's first exchange start. */
  startsExchange: boolean;
  messages: Message[];
}

/**
 * Splits messages at each exchange start. The stores keep one row per group, so a run (one exchange:
 * the user's message, the tool rounds, the answer) is one row, and a window or cut at an exchange
 * boundary is always a row boundary.
 */
export function splitExchanges(messages: readonly Message[]): ExchangeGroup[] {
  const groups: ExchangeGroup[] = [];
  let current: ExchangeGroup | undefined;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    const starts = startsExchange(message);
    if (!current || starts) {
      current = { offset: i, startsExchange: starts, messages: [] };
      groups.push(current);
    }
    current.messages.push(message);
  }
  return groups;
}
