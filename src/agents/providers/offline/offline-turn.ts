import type { Message, ToolDefinition, ToolResultPart, ToolUsePart } from '../../model/index.js';
import { forgetPrefix, prefixPasses } from './checked-prefix.js';

/** Host tools are namespaced `<server>__<tool>`. */
const NAMESPACE_SEPARATOR = '__';
/** The runtime's handoff tools (`runtime/handoff-tool.ts`): `transfer_to_<agent>` on the wire. */
const HANDOFF_TOOL_PREFIX = 'transfer_to_';

/** The tool's name without its server namespace: `memory__search_memory` → `search_memory`. */
export function baseToolName(name: string): string {
  const at = name.lastIndexOf(NAMESPACE_SEPARATOR);
  return at >= 0 ? name.slice(at + NAMESPACE_SEPARATOR.length) : name;
}

/** The offered tool called `name`, exactly or as `<server>__name`. Exact wins; then the first in order. */
export function resolveToolName(tools: readonly ToolDefinition[], name: string): string | undefined {
  if (tools.some((t) => t.name === name)) return name;
  return tools.find((t) => t.name.endsWith(`${NAMESPACE_SEPARATOR}${name}`))?.name;
}

function hasHandoffPart(message: Message): boolean {
  for (const part of message.content) if (isHandoffPart(part)) return true;
  return false;
}

function isHandoffPart(part: Message['content'][number]): boolean {
  return (
    (part.type === 'tool_use' && part.name.startsWith(HANDOFF_TOOL_PREFIX)) ||
    (part.type === 'tool_result' && part.toolName.startsWith(HANDOFF_TOOL_PREFIX))
  );
}

/**
 * The messages without handoff calls and their results (messages left empty are dropped). A policy
 * reads "this turn" as what follows the user's message; after a handoff the transfer call sits there
 * and the target would think its own turn is done. A real model reads the handoff as context.
 */
export function withoutHandoffs(messages: readonly Message[]): readonly Message[] {
  // Plain loops: this runs over the whole history window on every model call.
  if (!messages.some(hasHandoffPart)) return messages;
  return messages
    .map((m) => (m.content.some(isHandoffPart) ? { ...m, content: m.content.filter((p) => !isHandoffPart(p)) } : m))
    .filter((m) => m.content.length > 0);
}

function isTurnStart(message: Message): boolean {
  return message.role === 'user' && message.content.some((p) => p.type === 'text');
}

/** This turn: the last user message with text, and everything the loop added after it. */
export interface OfflineTurn {
  index: number;
  userMessage: string;
  calls: ToolUsePart[];
  results: ToolResultPart[];
}

/** The current turn of a conversation. */
export function currentTurn(messages: readonly Message[]): OfflineTurn {
  let index = messages.length - 1;
  while (index >= 0 && !isTurnStart(messages[index] as Message)) index--;
  return turnFrom(messages, index, index);
}

/** The turn whose user message is `messages[start]` (-1: none), numbered `index`. */
function turnFrom(messages: readonly Message[], start: number, index: number): OfflineTurn {
  const first = messages[start];
  let userMessage = '';
  if (first) {
    let separator = '';
    for (const part of first.content) {
      if (part.type !== 'text') continue;
      userMessage += separator + part.text;
      separator = '\n';
    }
  }
  const calls: ToolUsePart[] = [];
  const results: ToolResultPart[] = [];
  for (let i = Math.max(0, start + 1); i < messages.length; i++) {
    for (const part of (messages[i] as Message).content) {
      if (part.type === 'tool_use') calls.push(part);
      else if (part.type === 'tool_result') results.push(part);
    }
  }
  return { index: Math.max(0, index), userMessage, calls, results };
}

/** What the offline model reads of a request: this turn, and whether the last message brings results. */
export interface TurnView {
  turn: OfflineTurn;
  lastHasResults: boolean;
  /** The turn's user message, when the history before it was checked (see checked-prefix.ts). */
  turnStart: Message | undefined;
}

/**
 * The current turn of `messages` as {@link withoutHandoffs} leaves them — `currentTurn(withoutHandoffs(m))`
 * and its last message — without copying the history on every model call. Only the turn's own messages
 * are read in full; of the messages before it only the first part, to see that the filter would drop
 * none of them (the turn's index counts them). A turn with handoffs or an empty message anywhere takes
 * the filtering path, which is exact by construction.
 */
export function readTurn(messages: readonly Message[]): TurnView {
  return turnWithoutFiltering(messages) ?? filteredTurn(messages);
}

/** The turn, when filtering handoffs would change nothing of what the model reads; else undefined. */
function turnWithoutFiltering(messages: readonly Message[]): TurnView | undefined {
  let start = messages.length - 1;
  for (; start >= 0; start--) {
    const message = messages[start] as Message;
    if (message.content.length === 0) return undefined;
    for (const part of message.content) if (isHandoffPart(part)) return undefined;
    if (isTurnStart(message)) break;
  }
  if (!prefixPasses(messages, start, keepsFirstPart)) return undefined;
  const last = messages[messages.length - 1];
  return {
    turn: turnFrom(messages, start, start),
    lastHasResults: last?.content.some((p) => p.type === 'tool_result') ?? false,
    turnStart: messages[start],
  };
}

/**
 * A message before the turn keeps its first part (so it stays) unless that part is a handoff; with no
 * empty message either, the filter drops nothing before the turn and the turn keeps its index.
 */
function keepsFirstPart(message: Message): boolean {
  const first = message.content[0];
  return first !== undefined && !isHandoffPart(first);
}

function filteredTurn(messages: readonly Message[]): TurnView {
  const filtered = withoutHandoffs(messages);
  const last = filtered[filtered.length - 1];
  return {
    turn: currentTurn(filtered),
    lastHasResults: last?.content.some((p) => p.type === 'tool_result') ?? false,
    turnStart: undefined,
  };
}

/** Drops what was kept for reading this turn again: it is answered. */
export function forgetTurn(view: TurnView): void {
  forgetPrefix(view.turnStart);
}
