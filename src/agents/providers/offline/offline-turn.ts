import type { Message, ToolDefinition, ToolResultPart, ToolUsePart } from '../../model/index.js';
import { ToolFailure } from './policy-kit/tool-results.js';

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
  const start = messages[index];
  const userMessage = start
    ? start.content
        .filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join('\n')
    : '';
  const calls: ToolUsePart[] = [];
  const results: ToolResultPart[] = [];
  for (const message of messages.slice(Math.max(0, index + 1))) {
    for (const part of message.content) {
      if (part.type === 'tool_use') calls.push(part);
      else if (part.type === 'tool_result') results.push(part);
    }
  }
  return { index: Math.max(0, index), userMessage, calls, results };
}

function parseResult(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/**
 * Parsed results by part: the loop hands the model the same result parts every round of a turn, and a
 * turn of n calls would parse its first result n times (large memory results showed in CPU profiles).
 * Keyed by the part and checked against its text, so a part whose content changed is parsed again.
 * Policies only read results, so sharing the parsed value between rounds answers the same.
 */
const parsedResults = new WeakMap<ToolResultPart, { content: string; value: unknown }>();

function parsedResult(part: ToolResultPart): unknown {
  const cached = parsedResults.get(part);
  if (cached !== undefined && cached.content === part.content) return cached.value;
  const value = parseResult(part.content);
  parsedResults.set(part, { content: part.content, value });
  return value;
}

/**
 * Tool results of this turn: base tool name → parsed JSON (or the text; a failed call: a
 * {@link ToolFailure} with the error text). A later call of a tool wins.
 */
export function resultsOf(turn: OfflineTurn): Map<string, unknown> {
  const names = new Map(turn.calls.map((c) => [c.id, c.name]));
  const results = new Map<string, unknown>();
  for (const result of turn.results) {
    const name = result.toolName || names.get(result.toolUseId) || result.toolUseId;
    results.set(baseToolName(name), result.isError ? new ToolFailure(result.content) : parsedResult(result));
  }
  return results;
}
