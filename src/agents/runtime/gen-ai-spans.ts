import { captureMessageContent } from '../../shared/telemetry/active-tracer.js';
import { contentAttribute } from '../../shared/telemetry/redact.js';
import type { Model, ModelRequest, ModelResponse } from '../model/index.js';
import type { Span, SpanAttributes } from './tracing.js';

/**
 * Span names and attributes in the OpenTelemetry GenAI semantic conventions (`invoke_agent`, `chat`,
 * `execute_tool`; `gen_ai.*`), plus OpenInference's (`openinference.span.kind`, `llm.*`) so Phoenix draws
 * the agent → LLM → tool tree. Our own attributes (`agent.name`, `tenant.id`, `run.id`, ...) stay for
 * the dashboards that query them. Message content is added only when switched on
 * (`OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`), with personal data redacted.
 */

/** The conventions' `gen_ai.provider.name` of each of our providers. */
const PROVIDER_NAMES: Record<Model['provider'], string> = {
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  offline: 'ventros.offline',
};

/** OpenInference's `llm.provider`. */
const OPENINFERENCE_PROVIDERS: Record<Model['provider'], string> = {
  anthropic: 'anthropic',
  gemini: 'google',
  offline: 'ventros',
};

/** The model name a provider knows (`claude-sonnet-4-6`) from our id (`anthropic:claude-sonnet-4-6`). */
export function requestModelOf(modelId: string): string {
  const colon = modelId.indexOf(':');
  return colon === -1 ? modelId : modelId.slice(colon + 1);
}

interface Who {
  agent: string;
  tenantId: string;
  sessionId?: string | undefined;
  runId: string;
}

/** `invoke_agent {agent}`. */
export function agentSpan(who: Who, depth: number, input: string): { name: string; attributes: SpanAttributes } {
  return {
    name: `invoke_agent ${who.agent}`,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': who.agent,
      'gen_ai.conversation.id': who.sessionId,
      'openinference.span.kind': 'AGENT',
      'session.id': who.sessionId,
      'agent.name': who.agent,
      'run.id': who.runId,
      'tenant.id': who.tenantId,
      'agent.depth': depth,
      ...(captureMessageContent() ? { 'input.value': contentAttribute(input) } : {}),
    },
  };
}

/** `chat {model}`: a model call (a client span). */
export function chatSpan(
  who: Who,
  model: Pick<Model, 'id' | 'provider'>,
  request: ModelRequest,
  streaming: boolean,
): { name: string; attributes: SpanAttributes } {
  const requestModel = requestModelOf(model.id);
  const capture = captureMessageContent();
  return {
    name: `chat ${requestModel}`,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': PROVIDER_NAMES[model.provider],
      'gen_ai.request.model': requestModel,
      'gen_ai.request.max_tokens': request.maxTokens,
      'gen_ai.request.temperature': request.temperature,
      'gen_ai.request.top_p': request.topP,
      'gen_ai.agent.name': who.agent,
      'gen_ai.conversation.id': who.sessionId,
      'openinference.span.kind': 'LLM',
      'llm.model_name': requestModel,
      'llm.provider': OPENINFERENCE_PROVIDERS[model.provider],
      'session.id': who.sessionId,
      'agent.name': who.agent,
      'model.id': model.id,
      'model.provider': model.provider,
      'tenant.id': who.tenantId,
      'model.streaming': streaming,
      ...(capture
        ? {
            'gen_ai.system_instructions': request.system === undefined ? undefined : contentAttribute(request.system),
            'gen_ai.input.messages': contentAttribute(request.messages),
            'input.value': contentAttribute(request.messages),
            'input.mime_type': 'application/json',
          }
        : {}),
    },
  };
}

/** What a model call answered: response model, finish reason, usage (and content when switched on). */
export function recordChatResponse(span: Span, response: ModelResponse): void {
  const { inputTokens, outputTokens } = response.usage;
  span.setAttribute('gen_ai.response.model', response.model);
  span.setAttribute('gen_ai.response.finish_reasons', response.stopReason);
  span.setAttribute('gen_ai.usage.input_tokens', inputTokens);
  span.setAttribute('gen_ai.usage.output_tokens', outputTokens);
  span.setAttribute('llm.token_count.prompt', inputTokens);
  span.setAttribute('llm.token_count.completion', outputTokens);
  span.setAttribute('llm.token_count.total', inputTokens + outputTokens);
  span.setAttribute('model.response_model', response.model);
  span.setAttribute('model.stop_reason', response.stopReason);
  if (captureMessageContent()) {
    span.setAttribute('gen_ai.output.messages', contentAttribute(response.content));
    span.setAttribute('output.value', contentAttribute(response.content));
    span.setAttribute('output.mime_type', 'application/json');
  }
}

/** `execute_tool {tool}`. */
export function toolSpan(
  who: Who,
  tool: string,
  callId: string,
  args: Record<string, unknown>,
): { name: string; attributes: SpanAttributes } {
  const capture = captureMessageContent();
  return {
    name: `execute_tool ${tool}`,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool,
      'gen_ai.tool.call.id': callId,
      'gen_ai.tool.type': 'function',
      'gen_ai.agent.name': who.agent,
      'gen_ai.conversation.id': who.sessionId,
      'openinference.span.kind': 'TOOL',
      'session.id': who.sessionId,
      'agent.name': who.agent,
      'tool.name': tool,
      'tool.call_id': callId,
      'tenant.id': who.tenantId,
      ...(capture
        ? { 'gen_ai.tool.call.arguments': contentAttribute(args), 'input.value': contentAttribute(args) }
        : {}),
    },
  };
}

/** A tool's result text on its span, when content capture is on. */
export function recordToolResult(span: Span, content: string): void {
  if (!captureMessageContent()) return;
  span.setAttribute('gen_ai.tool.call.result', contentAttribute(content));
  span.setAttribute('output.value', contentAttribute(content));
}

/** An agent's answer on its span, when content capture is on. */
export function recordAgentAnswer(span: Span, text: string): void {
  if (captureMessageContent()) span.setAttribute('output.value', contentAttribute(text));
}
