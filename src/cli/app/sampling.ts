import type { CreateMessageRequest, CreateMessageResult } from '@modelcontextprotocol/server';
import type { Message, Model } from '../../agents/model/index.js';
import type { SamplingHandler } from '../../host/index.js';

/** Maps a server's `sampling/createMessage` onto our model (text in, text out). */
export function samplingWith(model: Model): SamplingHandler {
  return async (params: CreateMessageRequest['params'], signal: AbortSignal): Promise<CreateMessageResult> => {
    const messages: Message[] = params.messages.map((m) => {
      const blocks: ReadonlyArray<{ type: string; text?: unknown }> = Array.isArray(m.content)
        ? m.content
        : [m.content];
      const text = blocks
        .map((b) => (b.type === 'text' && typeof b.text === 'string' ? b.text : `[${b.type}]`))
        .join('\n');
      return { role: m.role, content: [{ type: 'text', text }] };
    });
    const response = await model.generate({
      ...(params.systemPrompt ? { system: params.systemPrompt } : {}),
      messages,
      tools: [],
      maxTokens: params.maxTokens,
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      signal,
    });
    const text = response.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
    return { model: response.model, role: 'assistant', content: { type: 'text', text }, stopReason: 'endTurn' };
  };
}
