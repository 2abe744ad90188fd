import { throwIfAborted } from '../../../shared/index.js';
import type { ContentPart, Model, ModelRequest, ModelResponse, ModelStreamEvent } from '../../model/index.js';
import type { OfflineCall, OfflinePolicy, PolicyResults } from './offline-policy.js';
import { forgetTurn, type OfflineTurn, readTurn, resolveToolName, type TurnView } from './offline-turn.js';
import { OFFLINE_POLICIES } from './policies/index.js';
import { withAnswerLocale } from './policy-kit/answer-locale.js';
import { say } from './policy-kit/read-message.js';
import { ToolFailure } from './policy-kit/tool-results.js';
import { sentences } from './sentences.js';
import { forgetResults, resultsOf } from './turn-results.js';

/** How many optional calls one decision may skip (each is one policy step; policies have a handful). */
const MAX_SKIPPED_CALLS = 8;

/** The call (or the first of its fallbacks) that names a tool this agent has, under its real name. */
function availableCall(
  tools: ModelRequest['tools'],
  call: OfflineCall,
): { name: string; args: Record<string, unknown> } | undefined {
  let candidate: OfflineCall | undefined = call;
  for (let depth = 0; candidate && depth < 4; depth++, candidate = candidate.fallback) {
    const name = resolveToolName(tools, candidate.name);
    if (name) return { name, args: candidate.args };
  }
  return undefined;
}

const SEARCH_MEMORY = 'search_memory';

/** Whether this turn already called `name` (each tool is called at most once a turn; turns make a few calls). */
function wasCalled(turn: OfflineTurn, name: string): boolean {
  for (const call of turn.calls) if (call.name === name) return true;
  return false;
}

/** The id of the turn's next call: `offline-<turn index>-<n>`. */
function nextCallId(turn: OfflineTurn): string {
  return `offline-${turn.index}-${turn.calls.length + 1}`;
}

function summarise(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 280 ? `${text.slice(0, 277)}...` : text;
}

/** What the offline model says when the agent has no policy: polite, in the session's language, honest about being offline. */
export function genericOfflineAnswer(message: string, results: ReadonlyMap<string, unknown>): string {
  const lines = [
    say(
      message,
      'Olá! No momento estou operando em modo offline, sem um modelo de linguagem.',
      'Hi! I am running in offline mode right now, without a language model.',
      '¡Hola! En este momento estoy operando en modo offline, sin un modelo de lenguaje.',
    ),
  ];
  const text = message.trim();
  if (text)
    lines.push(
      say(
        message,
        `Recebi sua mensagem: "${text}".`,
        `I got your message: "${text}".`,
        `Recibí tu mensaje: "${text}".`,
      ),
    );
  if (results.size > 0) {
    lines.push(say(message, 'Aqui está o que encontrei:', 'Here is what I found:', 'Esto es lo que encontré:'));
    // A failed call is for the model; the answer only lists what worked.
    for (const [name, value] of results)
      if (!(value instanceof ToolFailure)) lines.push(`- ${name}: ${summarise(value)}`);
  } else {
    lines.push(
      say(
        message,
        'Não encontrei informações adicionais agora.',
        'I found no further information right now.',
        'No encontré más información ahora.',
      ),
    );
  }
  lines.push(
    say(
      message,
      'Um atendente pode complementar esta resposta, se necessário.',
      'Someone from our team can add to this answer if needed.',
      'Una persona de nuestro equipo puede completar esta respuesta si hace falta.',
    ),
  );
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

/** Options of {@link OfflineModel}. */
export interface OfflineModelOptions {
  /** Policies by agent name; default: one for every agent of the catalog ({@link OFFLINE_POLICIES}). */
  policies?: ReadonlyMap<string, OfflinePolicy>;
}

/**
 * Not an LLM: a deterministic policy that lets agents run with no API key (ARCHITECTURE.md). It finds
 * the calling agent's policy by `request.context.agentName`; per turn: search memory with the user's
 * message (when the policy asks and a memory tool is offered), then call the agent's main tool with the
 * arguments the policy reads from the message and the session state (`request.context.state`), then
 * answer from the policy's template and the tool results. An agent without a policy gets a polite
 * generic answer. Same request in, same response out.
 *
 * @example
 * const response = await new OfflineModel().generate({
 *   messages: [userText('Quero cancelar')], tools, context: { agentName: 'retention_churn', state: {} },
 * });
 */
export class OfflineModel implements Model {
  readonly id = 'offline';
  readonly provider = 'offline' as const;
  readonly #policies: ReadonlyMap<string, OfflinePolicy>;

  constructor(options: OfflineModelOptions = {}) {
    this.#policies = options.policies ?? OFFLINE_POLICIES;
  }

  /** The decision for this request; `generate` and `stream` both use it. */
  decide(request: ModelRequest): ModelResponse {
    const state = request.context?.state ?? {};
    // Read once per call: the turn (and the handoff filtering) used to be read twice.
    const view = readTurn(request.messages);
    // Every policy and phrasing helper answers in the session's language (see answer-locale.ts).
    return withAnswerLocale(state, view.turn.userMessage, () => this.#decide(request, state, view));
  }

  #decide(request: ModelRequest, state: Readonly<Record<string, unknown>>, view: TurnView): ModelResponse {
    const { turn, lastHasResults } = view;
    const agentName = request.context?.agentName;
    const policy = agentName === undefined ? undefined : this.#policies.get(agentName);

    if (policy?.searchMemoryFirst && !lastHasResults) {
      const search = resolveToolName(request.tools, SEARCH_MEMORY);
      if (search && !wasCalled(turn, search)) {
        return respond([{ type: 'tool_use', id: nextCallId(turn), name: search, input: { query: turn.userMessage } }]);
      }
    }
    const results = resultsOf(turn);
    // The policy's call (or its fallback when this agent lacks the tool). An optional call the agent
    // cannot make is marked failed and the policy asked again, so the protocol goes on without it.
    let stepResults: PolicyResults = results;
    for (let asked = 0; asked < MAX_SKIPPED_CALLS; asked++) {
      const call = policy?.mainTool?.(turn.userMessage, state, stepResults);
      if (!call) break;
      const chosen = availableCall(request.tools, call);
      if (chosen) {
        if (!wasCalled(turn, chosen.name)) {
          return respond([{ type: 'tool_use', id: nextCallId(turn), name: chosen.name, input: chosen.args }]);
        }
        break;
      }
      if (!call.optional) break;
      stepResults = new Map(stepResults).set(call.name, new ToolFailure(`${call.name} is not available to this agent`));
    }
    const text = policy
      ? policy.answer(turn.userMessage, results, state)
      : genericOfflineAnswer(turn.userMessage, results);
    forgetResults(turn);
    forgetTurn(view);
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
        for (const piece of sentences(part.text)) yield { type: 'text_delta', text: piece };
      }
    }
    yield { type: 'done', response };
  }
}
