import { isLanguage } from '../../../shared/locale/language.js';
import type { ModelRequest } from '../../model/index.js';
import type { AgentCallbacks, InvocationContext } from '../../runtime/index.js';
import { scopeFromState } from '../knowledge-scope.js';
import { CUSTOMER_LANGUAGE_KEY } from '../session-keys.js';
import type { AgentTemplate, KnowledgeScope } from '../template.js';
import { effectiveFlags, loadMemoryContext, type MemoryContextTools } from './load-memory-context.js';
import { renderMemorySections } from './memory-sections.js';

/** Characters of memory context at most (about 1,000 tokens): the seed's ~2,000-token interaction budget. */
export const DEFAULT_MEMORY_CONTEXT_CHARS = 4_000;

export interface MemoryContextOptions {
  tools: MemoryContextTools;
  /** Character budget of the sections (0: off). */
  maxChars?: number;
}

/** Whether a scope asks for memory at all. */
export function scopeWantsMemory(scope: KnowledgeScope): boolean {
  const f = effectiveFlags(scope);
  return f.messages || f.sessions || f.events || f.transfers || f.campaigns || f.tracking || f.pipeline;
}

/**
 * The seed's memory-aware agent (`MemoryAwareAgent` with `VentrosMemoryService.search_memory`): before
 * an agent's first model call in a run, the memory of the run's trusted contact is read once, under the
 * scope in force (a delegation's, else the template's), rendered as the seed's sections and appended to
 * the system instruction of every model call of that run. No contact, or a scope that asks for no
 * memory → nothing is read.
 */
export function memoryContextCallbacks(template: AgentTemplate, options: MemoryContextOptions): AgentCallbacks {
  const maxChars = options.maxChars ?? DEFAULT_MEMORY_CONTEXT_CHARS;
  // One read per agent run: the context object is the run's (a child run or branch has its own). The
  // read's promise, then its text once read: the run's later model calls get their answer at once (an
  // async callback cost each call a promise and its awaits).
  const loaded = new WeakMap<object, Promise<string> | string>();
  const withSections = (request: ModelRequest, sections: string) =>
    sections ? { ...request, system: request.system ? `${request.system}\n\n${sections}` : sections } : undefined;
  return {
    beforeModel: (ctx: InvocationContext, request) => {
      if (maxChars <= 0 || !ctx.trusted.contactId) return undefined;
      if (!options.tools.getContactContext && !options.tools.searchMemory) return undefined;
      let text = loaded.get(ctx);
      if (text === undefined) {
        const reading = read(ctx, template, options.tools, maxChars);
        text = reading;
        loaded.set(ctx, reading);
        reading.then(
          (sections) => {
            if (loaded.get(ctx) === reading) loaded.set(ctx, sections);
          },
          () => {},
        );
      }
      return typeof text === 'string'
        ? withSections(request, text)
        : text.then((sections) => withSections(request, sections));
    },
  };
}

async function read(
  ctx: InvocationContext,
  template: AgentTemplate,
  tools: MemoryContextTools,
  maxChars: number,
): Promise<string> {
  const scope = scopeFromState(ctx.session.state) ?? template.knowledge_scope;
  if (!scopeWantsMemory(scope)) return '';
  const language = ctx.session.state[CUSTOMER_LANGUAGE_KEY];
  const data = await loadMemoryContext(tools, scope, ctx.userMessage, {
    ...ctx.trusted,
    signal: ctx.signal,
    agentName: template.template_id,
    state: ctx.session.state,
  });
  return renderMemorySections(data, isLanguage(language) ? language : 'pt', maxChars);
}
