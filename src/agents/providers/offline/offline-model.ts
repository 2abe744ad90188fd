import { throwIfAborted } from '../../../shared/index.js';
import type {
  ContentPart,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  ToolDefinition,
  ToolResultPart,
  ToolUsePart,
} from '../../model/index.js';

const SEARCH_MEMORY = 'search_memory';
/** Host tools are namespaced `<server>__<tool>`. */
const NAMESPACE_SEPARATOR = '__';

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

function isTurnStart(message: Message): boolean {
  return message.role === 'user' && message.content.some((p) => p.type === 'text');
}

/** This turn: the last user message with text, and everything the loop added after it. */
interface Turn {
  index: number;
  userMessage: string;
  calls: ToolUsePart[];
  results: ToolResultPart[];
}

function currentTurn(messages: readonly Message[]): Turn {
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

/** Tool results of this turn: base tool name → parsed JSON (or the text). A later call of a tool wins. */
function resultsOf(turn: Turn): Map<string, unknown> {
  const names = new Map(turn.calls.map((c) => [c.id, c.name]));
  const results = new Map<string, unknown>();
  for (const result of turn.results) {
    const name = result.toolName || names.get(result.toolUseId) || result.toolUseId;
    results.set(baseToolName(name), parseResult(result.content));
  }
  return results;
}

function summarise(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 280 ? `${text.slice(0, 277)}...` : text;
}

/** What the offline model says when the agent has no policy: polite, in PT-BR, honest about being offline. */
export function genericOfflineAnswer(message: string, results: ReadonlyMap<string, unknown>): string {
  const lines = ['Olá! No momento estou operando em modo offline, sem um modelo de linguagem.'];
  if (message.trim()) lines.push(`Recebi sua mensagem: "${message.trim()}".`);
  if (results.size > 0) {
    lines.push('Aqui está o que encontrei:');
    for (const [name, value] of results) lines.push(`- ${name}: ${summarise(value)}`);
  } else {
    lines.push('Não encontrei informações adicionais agora.');
  }
  lines.push('Um atendente pode complementar esta resposta, se necessário.');
  return lines.join('\n');
}

function respond(content: ContentPart[]): ModelResponse {
  const toolUse = content.some((p) => p.type === 'tool_use');
  return {
    content,
    stopReason: toolUse ? 'tool_use' : 'end_turn',
    usage: { inputTokens: 0, outputTokens: 0 },
    model: 'offline',
  };
}

/**
 * Not an LLM: a deterministic policy that lets agents run with no API key (ARCHITECTURE.md). Per
 * turn: search memory with the user's message (when the policy asks and a memory tool is offered),
 * then call the agent's main tool with the arguments the policy reads from the message, then answer
 * from the policy's template and the tool results. Same request in, same response out.
 *
 * @example
 * const response = await new OfflineModel().generate({ messages: [userText('Oi')], tools: [], offline: policy });
 */
export class OfflineModel implements Model {
  readonly id = 'offline';
  readonly provider = 'offline' as const;

  /** The decision for this request; `generate` and `stream` both use it. */
  decide(request: ModelRequest): ModelResponse {
    const turn = currentTurn(request.messages);
    const called = new Set(turn.calls.map((c) => c.name));
    const policy = request.offline;
    const state = request.state ?? {};
    const callId = () => `offline-${turn.index}-${turn.calls.length + 1}`;
    const last = request.messages[request.messages.length - 1];
    const lastHasResults = last?.content.some((p) => p.type === 'tool_result') ?? false;

    if (policy?.searchMemoryFirst && !lastHasResults) {
      const search = resolveToolName(request.tools, SEARCH_MEMORY);
      if (search && !called.has(search)) {
        return respond([{ type: 'tool_use', id: callId(), name: search, input: { query: turn.userMessage } }]);
      }
    }
    const results = resultsOf(turn);
    const main = policy?.mainTool?.(turn.userMessage, state, results);
    if (main) {
      const name = resolveToolName(request.tools, main.name);
      if (name && !called.has(name)) return respond([{ type: 'tool_use', id: callId(), name, input: main.args }]);
    }
    const text = policy
      ? policy.answer(turn.userMessage, results, state)
      : genericOfflineAnswer(turn.userMessage, results);
    return respond([{ type: 'text', text }]);
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    throwIfAborted(request.signal);
    return this.decide(request);
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    throwIfAborted(request.signal);
    const response = this.decide(request);
    for (const part of response.content) {
      if (part.type === 'tool_use') yield { type: 'tool_use', part };
      else if (part.type === 'text') {
        // Sentence by sentence, so streaming consumers see the same shape as from a real model.
        for (const piece of part.text.split(/(?<=[.!?\n])/)) if (piece) yield { type: 'text_delta', text: piece };
      }
    }
    yield { type: 'done', response };
  }
}
