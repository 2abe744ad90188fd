import type { ContentPart, Message, ModelRequest, OfflinePolicy } from '../model/index.js';
import type { AgentCallbacks, BaseAgent, InvocationContext } from '../runtime/index.js';
import { agentTool, LlmAgent } from '../runtime/index.js';
import type { Tool } from '../tool.js';
import {
  adjustKnowledgeScope,
  isSearchMemoryTool,
  ScopeFrames,
  scopeFromState,
  withScopeArgs,
} from './knowledge-scope.js';
import type { AgentTemplate } from './template.js';

/**
 * The coordinator's side of the seed's Dynamic KnowledgeScope, as runtime callbacks:
 * - around a delegation (an `agent:<id>` tool), the target's scope — its template default adjusted to
 *   the question — is written to session state before the specialist runs and restored after;
 * - a specialist run directly (no delegation) gets its own adjusted scope for the run, and it is removed
 *   after, so nothing stale is persisted with the session;
 * - every `search_memory` call gets the scope's arguments where the model left them out.
 */
export class KnowledgeScopeCallbacks {
  readonly #frames = new ScopeFrames();
  /** Agents that set a scope for their own (direct) run, per session state. */
  readonly #ownScopes = new WeakMap<object, Set<string>>();

  /** Callbacks for an agent tool delegating to `target`. */
  forDelegation(target: AgentTemplate): Pick<AgentCallbacks, 'beforeTool' | 'afterTool'> {
    return {
      beforeTool: (ctx: InvocationContext, _tool: Tool, args: Record<string, unknown>) => {
        const request = typeof args['request'] === 'string' ? args['request'] : '';
        const scope = adjustKnowledgeScope(target.knowledge_scope, `${ctx.userMessage}\n${request}`);
        this.#frames.enter(ctx.session.state, scope, target.category);
      },
      afterTool: (ctx: InvocationContext) => {
        this.#frames.exit(ctx.session.state);
      },
    };
  }

  /** Callbacks every template agent carries: its own scope on direct runs, and scoped memory searches. */
  forAgent(template: AgentTemplate): AgentCallbacks {
    return {
      beforeAgent: (ctx: InvocationContext) => {
        const state = ctx.session.state;
        if (scopeFromState(state)) return;
        this.#frames.enter(state, adjustKnowledgeScope(template.knowledge_scope, ctx.userMessage), template.category);
        const own = this.#ownScopes.get(state) ?? new Set<string>();
        own.add(template.template_id);
        this.#ownScopes.set(state, own);
      },
      afterAgent: (ctx: InvocationContext) => {
        const own = this.#ownScopes.get(ctx.session.state);
        if (!own?.delete(template.template_id)) return;
        this.#frames.exit(ctx.session.state);
      },
      beforeModel: passStateToModel,
      beforeTool: (ctx: InvocationContext, tool: Tool, args: Record<string, unknown>) => {
        if (!isSearchMemoryTool(tool.name)) return;
        const scope =
          scopeFromState(ctx.session.state) ?? adjustKnowledgeScope(template.knowledge_scope, ctx.userMessage);
        return { args: withScopeArgs(args, scope, tool.inputSchema, template.retrieval_strategy) };
      },
    };
  }

  /** An agent tool delegating to a specialist, wrapped with the scope swap. */
  delegationTool(agent: BaseAgent, target: AgentTemplate): Tool {
    return agentTool(agent, { description: target.description, callbacks: this.forDelegation(target) });
  }
}

const TRANSFER_PREFIX = 'transfer_to_';

function isTransferPart(part: ContentPart): boolean {
  return (
    (part.type === 'tool_use' && part.name.startsWith(TRANSFER_PREFIX)) ||
    (part.type === 'tool_result' && part.toolName.startsWith(TRANSFER_PREFIX))
  );
}

/** The messages without transfer calls and their results (messages left empty are dropped). */
function withoutTransfers(messages: readonly Message[]): Message[] {
  return messages
    .map((m) => (m.content.some(isTransferPart) ? { ...m, content: m.content.filter((p) => !isTransferPart(p)) } : m))
    .filter((m) => m.content.length > 0);
}

/** `memory__search_memory` → `search_memory`. */
function bareName(name: string): string {
  const at = name.lastIndexOf('__');
  return at >= 0 ? name.slice(at + 2) : name;
}

/** This turn's tool results (after the last user text), by bare tool name, parsed JSON when possible. */
export function turnResults(messages: ModelRequest['messages']): Map<string, unknown> {
  let start = messages.length - 1;
  while (start >= 0 && !(messages[start]?.role === 'user' && messages[start]?.content.some((p) => p.type === 'text'))) {
    start--;
  }
  const results = new Map<string, unknown>();
  for (const message of messages.slice(Math.max(0, start))) {
    for (const part of message.content) {
      if (part.type !== 'tool_result') continue;
      let value: unknown = part.content;
      try {
        value = JSON.parse(part.content);
      } catch {
        // a plain-text result
      }
      results.set(bareName(part.toolName), value);
    }
  }
  return results;
}

/**
 * Prepares a request for the offline policy: the session state (when the runtime did not pass it), and
 * the results of this turn's calls for policies whose main tool depends on them (a stepped policy:
 * check the customer's value → offer or escalate). Providers ignore both.
 */
export function passStateToModel(
  ctx: InvocationContext,
  request: ModelRequest,
  agent?: BaseAgent,
): ModelRequest | undefined {
  const policy = request.offline;
  const stepped = policy?.mainTool && policy.mainTool.length >= 3;
  const offline = agent instanceof LlmAgent && agent.model.id === 'offline';
  const handedOver = offline && request.messages.some((m) => m.content.some(isTransferPart));
  if (request.state && !stepped && !handedOver) return undefined;
  const prepared: ModelRequest = { ...request, state: request.state ?? ctx.session.state };
  // The offline policy reads "this turn" as what follows the user's message; after a handoff the
  // transfer call sits there and the target would think its own turn is done. A real model reads the
  // transfer as context, so only the offline request drops it.
  if (handedOver) prepared.messages = withoutTransfers(request.messages);
  if (policy?.mainTool && stepped) {
    const main = policy.mainTool as (
      message: string,
      state: Readonly<Record<string, unknown>>,
      results: ReadonlyMap<string, unknown>,
    ) => ReturnType<NonNullable<OfflinePolicy['mainTool']>>;
    const results = turnResults(prepared.messages);
    prepared.offline = { ...policy, mainTool: (message, state) => main(message, state, results) };
  }
  return prepared;
}
