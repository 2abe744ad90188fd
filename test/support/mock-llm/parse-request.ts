import type { MockLlmRequest, MockPart, MockProvider } from './types.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function anthropicParts(content: unknown): MockPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return arr(content).flatMap((raw): MockPart[] => {
    const block = obj(raw);
    if (block.type === 'text') return [{ type: 'text', text: str(block.text) ?? '' }];
    if (block.type === 'tool_use') {
      return [
        {
          type: 'tool_use',
          ...(str(block.id) ? { id: str(block.id) } : {}),
          name: str(block.name) ?? '',
          input: obj(block.input),
        },
      ];
    }
    if (block.type === 'tool_result') {
      const inner = block.content;
      const text =
        typeof inner === 'string'
          ? inner
          : arr(inner)
              .map((b) => str(obj(b).text) ?? '')
              .join('');
      const toolUseId = str(block.tool_use_id);
      return [
        { type: 'tool_result', ...(toolUseId ? { toolUseId } : {}), content: text, isError: block.is_error === true },
      ];
    }
    return [];
  });
}

function geminiParts(parts: unknown): MockPart[] {
  return arr(parts).flatMap((raw): MockPart[] => {
    const part = obj(raw);
    const signature = str(part.thoughtSignature);
    const signed = signature === undefined ? {} : { signature };
    if (typeof part.text === 'string') return [{ type: 'text', text: part.text, ...signed }];
    if (part.functionCall) {
      const call = obj(part.functionCall);
      return [
        {
          type: 'tool_use',
          ...(str(call.id) ? { id: str(call.id) } : {}),
          name: str(call.name) ?? '',
          input: obj(call.args),
          ...signed,
        },
      ];
    }
    if (part.functionResponse) {
      const fr = obj(part.functionResponse);
      const response = obj(fr.response);
      const isError = 'error' in response;
      const value = isError ? response.error : 'output' in response ? response.output : response;
      const id = str(fr.id);
      return [
        {
          type: 'tool_result',
          ...(id ? { toolUseId: id } : {}),
          name: str(fr.name) ?? '',
          content: typeof value === 'string' ? value : JSON.stringify(value),
          isError,
        },
      ];
    }
    return [];
  });
}

function finish(base: Omit<MockLlmRequest, 'toolResults' | 'lastUserText'>): MockLlmRequest {
  const last = base.messages[base.messages.length - 1];
  const toolResults = (last?.parts ?? []).filter(
    (p): p is Extract<MockPart, { type: 'tool_result' }> => p.type === 'tool_result',
  );
  const lastUser = [...base.messages]
    .reverse()
    .find((m) => m.role === 'user' && m.parts.some((p) => p.type === 'text'));
  const lastUserText = (lastUser?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
  return { ...base, toolResults, lastUserText };
}

interface HttpFacts {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** An Anthropic `POST /v1/messages` body, parsed. */
export function parseAnthropic(http: HttpFacts, body: unknown): MockLlmRequest {
  const b = obj(body);
  const system =
    typeof b.system === 'string'
      ? b.system
      : arr(b.system)
          .map((s) => str(obj(s).text) ?? '')
          .join('\n') || undefined;
  return finish({
    provider: 'anthropic',
    kind: 'chat',
    ...http,
    body,
    model: str(b.model) ?? '',
    stream: b.stream === true,
    ...(system ? { system } : {}),
    tools: arr(b.tools).map((t) => ({
      name: str(obj(t).name) ?? '',
      ...(str(obj(t).description) ? { description: str(obj(t).description) } : {}),
      schema: obj(t).input_schema,
    })),
    messages: arr(b.messages).map((m) => ({
      role: obj(m).role === 'assistant' ? ('assistant' as const) : ('user' as const),
      parts: anthropicParts(obj(m).content),
    })),
    texts: [],
    ...(typeof b.temperature === 'number' ? { temperature: b.temperature } : {}),
    ...(typeof b.max_tokens === 'number' ? { maxTokens: b.max_tokens } : {}),
  });
}

/** A Gemini generate/stream/embed body, parsed. */
export function parseGemini(http: HttpFacts, model: string, method: string, body: unknown): MockLlmRequest {
  const b = obj(body);
  const config = obj(b.generationConfig);
  const system = geminiParts(obj(b.systemInstruction).parts)
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('\n');
  const embedRequests =
    method === 'batchEmbedContents' ? arr(b.requests).map(obj) : method === 'embedContent' ? [b] : [];
  return finish({
    provider: 'gemini' satisfies MockProvider,
    kind: embedRequests.length > 0 || method.includes('mbed') ? 'embed' : 'chat',
    ...http,
    body,
    model,
    stream: method === 'streamGenerateContent',
    ...(system ? { system } : {}),
    tools: arr(b.tools).flatMap((t) =>
      arr(obj(t).functionDeclarations).map((d) => ({
        name: str(obj(d).name) ?? '',
        ...(str(obj(d).description) ? { description: str(obj(d).description) } : {}),
        schema: obj(d).parameters ?? obj(d).parametersJsonSchema,
      })),
    ),
    messages: arr(b.contents).map((c) => ({
      role: obj(c).role === 'model' ? ('assistant' as const) : ('user' as const),
      parts: geminiParts(obj(c).parts),
    })),
    texts: embedRequests.map((r) =>
      geminiParts(obj(r.content).parts)
        .map((p) => (p.type === 'text' ? p.text : ''))
        .join(''),
    ),
    ...(typeof config.temperature === 'number' ? { temperature: config.temperature } : {}),
    ...(typeof config.maxOutputTokens === 'number' ? { maxTokens: config.maxOutputTokens } : {}),
  });
}
