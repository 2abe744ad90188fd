import type { Message, ModelRequest } from '../model/index.js';
import { userText } from '../model/index.js';
import type { ActiveContext } from './context.js';
import { isCustomerRun } from './customer-tools.js';
import type { LlmSettings } from './llm-settings.js';
import { allowedDefinitions } from './run-options.js';

/**
 * The request for the next model call: the instruction rendered from current state (tools may have
 * changed it), the history window plus this run's transcript, the agent's tools (as the run's audience
 * may see them) and sampling settings,
 * and who is calling (agent name, session state).
 * Messages are shared by reference; only the outer array is new.
 */
export function prepareTurn(settings: LlmSettings, ctx: ActiveContext, history: readonly Message[]): ModelRequest {
  const messages = history.length > 0 ? history.concat(ctx.transcript) : ctx.transcript.slice();
  // After another agent's answer (a sequence step) the conversation ends on an assistant turn; a model
  // would continue that text instead of doing its own job, so it gets a cue in the request only.
  if (messages.at(-1)?.role === 'assistant') messages.push(userText(`Continue as ${settings.name}.`));
  const request: ModelRequest = {
    system: settings.instruction(ctx.session.state),
    messages,
    tools: allowedDefinitions(
      ctx.options,
      isCustomerRun(ctx) ? settings.customerToolDefinitions : settings.toolDefinitions,
    ),
    signal: ctx.signal,
    deadline: ctx.deadline,
    // The live state, not a copy: what tools wrote earlier in this run is what the caller sees now.
    context: { agentName: settings.name, state: ctx.session.state },
  };
  // The caller's limits for this run replace the agent's own.
  const temperature = ctx.options?.temperature ?? settings.temperature;
  const maxTokens = ctx.options?.maxTokens ?? settings.maxTokens;
  if (temperature !== undefined) request.temperature = temperature;
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  if (settings.topP !== undefined) request.topP = settings.topP;
  return request;
}
