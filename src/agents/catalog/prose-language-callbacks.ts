import { isLanguage, LANGUAGES } from '../../shared/index.js';
import type { AgentCallbacks } from '../runtime/index.js';
import type { Tool } from '../tool.js';
import { CUSTOMER_LANGUAGE_KEY } from './session-keys.js';

/**
 * Tools that write sentences for people (BI insights, recommendations) take the asker's `language`,
 * Portuguese when it is left out. The instructions ask the model to pass it; when a model forgets, the
 * conversation's language (detected per message, kept in the session) is filled in, so an English or
 * Spanish question never gets Portuguese sentences quoted back. A language the model did pass wins.
 */
export function proseLanguageDefault(): AgentCallbacks {
  return {
    beforeTool(ctx, tool, args) {
      if (args['language'] !== undefined || !takesProseLanguage(tool)) return;
      const language = ctx.session.state[CUSTOMER_LANGUAGE_KEY];
      if (!isLanguage(language)) return;
      return { args: { ...args, language } };
    },
  };
}

/** A `language` argument that is one of our three languages (the servers' proseLanguageArg). */
function takesProseLanguage(tool: Tool): boolean {
  const property = (tool.inputSchema as { properties?: Record<string, { enum?: unknown }> }).properties?.['language'];
  const values = property?.enum;
  return Array.isArray(values) && values.length === LANGUAGES.length && LANGUAGES.every((l) => values.includes(l));
}
