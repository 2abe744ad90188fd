import type { Message } from '../model/index.js';

// The cut itself belongs to sessions: the stores load history as the same window.
export { historyWindow } from '../sessions/index.js';

/** How many history messages an agent sends by default. */
export const HISTORY_WINDOW = 40;

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
