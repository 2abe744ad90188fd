import type { AgentCallbacks, BaseAgent, InvocationContext } from '../runtime/index.js';
import { agentTool } from '../runtime/index.js';
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
    return agentTool(agent, {
      ...(target.agent_tool_name ? { name: target.agent_tool_name } : {}),
      description: target.description,
      callbacks: this.forDelegation(target),
    });
  }
}
