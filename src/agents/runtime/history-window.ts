import type { Message } from '../model/index.js';

/** How many history messages an agent sends by default. */
export const HISTORY_WINDOW = 40;

/** A user turn that starts an exchange (not the tool results answering an assistant's tool calls). */
function startsExchange(message: Message): boolean {
  return message.role === 'user' && !message.content.some((part) => part.type === 'tool_result');
}

/**
 * The last `max` messages of a history, moved forward to the next user turn so the window never starts
 * between a tool_use and its tool_result (providers reject an orphan tool_result). Returns a shallow
 * slice (or the same array when nothing is cut): messages are never copied.
 */
export function historyWindow(history: readonly Message[], max = HISTORY_WINDOW): readonly Message[] {
  if (history.length <= max) return history;
  let start = history.length - max;
  while (start < history.length && !startsExchange(history[start] as Message)) start++;
  return history.slice(start);
}

/**
 * The longest prefix of a run's transcript in which every tool_use has its tool_result. A run that
 * failed mid-turn keeps its complete part; a dangling tool call would make the next model call fail.
 */
export function completePrefix(transcript: readonly Message[]): Message[] {
  let end = 0;
  let pending = 0;
  for (let i = 0; i < transcript.length; i++) {
    const message = transcript[i] as Message;
    for (const part of message.content) {
      if (part.type === 'tool_use') pending++;
      else if (part.type === 'tool_result') pending--;
    }
    if (pending <= 0) {
      pending = 0;
      end = i + 1;
    }
  }
  return transcript.slice(0, end);
}
