import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Message,
  type ModelStreamEvent,
  type ToolDefinition,
  textOf,
  toolUsesOf,
  userText,
} from '../../../../src/agents/model/index.js';
import { useMockLlm } from '../../../support/mock-llm/index.js';

const searchTool: ToolDefinition = {
  name: 'memory__search_memory',
  description: 'Searches the contact memory.',
  inputSchema: z.toJSONSchema(
    z.object({
      query: z.string().min(1).describe('What to look for'),
      limit: z.number().int().max(20).optional(),
      since: z.iso.datetime().nullable().optional(),
      kind: z.enum(['fact', 'event']).optional(),
    }),
  ) as Record<string, unknown>,
};
const orderTool: ToolDefinition = {
  name: 'sales__list_orders',
  description: 'Lists orders of a contact.',
  inputSchema: { type: 'object', properties: { contactId: { type: 'string' } }, required: ['contactId'] },
};
const pingTool: ToolDefinition = {
  name: 'ping',
  description: 'No arguments.',
  inputSchema: { type: 'object', properties: {} },
};

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const llm = useMockLlm();

describe('GeminiModel against the mock generateContent API', () => {
  it('returns plain text with usage and stop reason', async () => {
    llm.mock.enqueue({ text: 'Olá! Em que posso ajudar?', usage: { input: 9, output: 6 } });
    const response = await llm.models.gemini.generate({ system: 'Seja breve.', messages: [userText('Oi')], tools: [] });
    expect(textOf(response.content)).toBe('Olá! Em que posso ajudar?');
    expect(response.stopReason).toBe('end_turn');
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 6 });
    expect(response.model).toBe('gemini-2.5-flash');
    expect(llm.mock.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(llm.mock.requests[0]?.headers['x-goog-api-key']).toBe('gemini-test-dummy');
  });

  it('sends the system instruction, the generation config and Gemini-cleaned tool schemas', async () => {
    llm.mock.enqueue({ text: 'ok' });
    await llm.models.gemini.generate({
      system: 'Você é o agente de suporte.',
      messages: [userText('Minha internet caiu')],
      tools: [searchTool, orderTool, pingTool],
      temperature: 0.1,
      maxTokens: 256,
    });
    const sent = llm.mock.requests[0];
    expect(sent?.system).toBe('Você é o agente de suporte.');
    expect(sent?.temperature).toBe(0.1);
    expect(sent?.maxTokens).toBe(256);
    expect(sent?.tools.map((t) => t.name)).toEqual(['memory__search_memory', 'sales__list_orders', 'ping']);
    const schema = sent?.tools[0]?.schema as Record<string, unknown>;
    expect(JSON.stringify(schema)).not.toMatch(/\$schema|additionalProperties|"const"|exclusive/);
    expect(schema).toMatchObject({
      type: 'OBJECT',
      required: ['query'],
      properties: {
        query: { type: 'STRING', description: 'What to look for', minLength: '1' },
        limit: { type: 'INTEGER', maximum: 20 },
        since: { type: 'STRING', format: 'date-time', nullable: true },
        kind: { type: 'STRING', enum: ['fact', 'event'] },
      },
    });
    // A tool without arguments goes without `parameters`.
    expect(sent?.tools[2]?.schema).toBeUndefined();
  });

  it('turns functionCall parts into tool_use with generated ids', async () => {
    llm.mock.enqueue({
      text: 'Vou verificar.',
      toolCalls: [{ name: 'memory__search_memory', input: { query: 'internet' } }],
    });
    const response = await llm.models.gemini.generate({
      messages: [userText('Minha internet caiu')],
      tools: [searchTool],
    });
    expect(response.stopReason).toBe('tool_use');
    expect(textOf(response.content)).toBe('Vou verificar.');
    const [call] = toolUsesOf(response.content);
    expect(call).toMatchObject({ name: 'memory__search_memory', input: { query: 'internet' } });
    expect(call?.id).toMatch(/^gemini-call-/);
  });

  it('runs two tool rounds by hand and sends functionResponse parts named after the tool', async () => {
    llm.mock.enqueue(
      { toolCalls: [{ name: 'memory__search_memory', input: { query: 'pedidos' } }] },
      { toolCalls: [{ name: 'sales__list_orders', input: { contactId: 'c-1' } }] },
      { text: 'Você tem 2 pedidos.' },
    );
    const messages: Message[] = [userText('Quais meus pedidos?')];
    const outputs: Record<string, string> = {
      memory__search_memory: '{"contactId":"c-1"}',
      sales__list_orders: '[{"id":"o-1"},{"id":"o-2"}]',
    };
    let final = '';
    for (let round = 0; round < 5; round++) {
      const response = await llm.models.gemini.generate({ messages, tools: [searchTool, orderTool] });
      messages.push({ role: 'assistant', content: response.content });
      const calls = toolUsesOf(response.content);
      if (calls.length === 0) {
        final = textOf(response.content);
        break;
      }
      messages.push({
        role: 'user',
        content: calls.map((c) => ({
          type: 'tool_result',
          toolUseId: c.id,
          toolName: c.name,
          content: outputs[c.name] ?? '',
        })),
      });
    }
    expect(final).toBe('Você tem 2 pedidos.');
    expect(llm.mock.requests).toHaveLength(3);
    expect(llm.mock.requests[1]?.toolResults).toEqual([
      { type: 'tool_result', name: 'memory__search_memory', content: '{"contactId":"c-1"}', isError: false },
    ]);
    // The model's own call went back as a functionCall in a `model` turn.
    expect(llm.mock.requests[1]?.messages[1]).toMatchObject({
      role: 'assistant',
      parts: [{ type: 'tool_use', name: 'memory__search_memory', input: { query: 'pedidos' } }],
    });
    expect(llm.mock.requests[2]?.toolResults[0]).toMatchObject({
      name: 'sales__list_orders',
      content: '[{"id":"o-1"},{"id":"o-2"}]',
    });
  });

  it('sends a failed tool result as an error response', async () => {
    llm.mock.enqueue({ text: 'Desculpe.' });
    await llm.models.gemini.generate({
      messages: [
        userText('Oi'),
        { role: 'assistant', content: [{ type: 'tool_use', id: 'gemini-call-1', name: 'ping', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'gemini-call-1', toolName: 'ping', content: 'boom', isError: true },
          ],
        },
      ],
      tools: [pingTool],
    });
    expect(llm.mock.requests[0]?.toolResults).toEqual([
      { type: 'tool_result', name: 'ping', content: 'boom', isError: true },
    ]);
  });

  it('streams text deltas in order, then one done', async () => {
    llm.mock.enqueue({ text: 'Sua fatura vence dia 10.', usage: { input: 5, output: 8 } });
    const events = await collect(llm.models.gemini.stream({ messages: [userText('Quando vence?')], tools: [] }));
    const deltas = events.filter((e) => e.type === 'text_delta').map((e) => e.text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Sua fatura vence dia 10.');
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.response.content).toEqual([{ type: 'text', text: 'Sua fatura vence dia 10.' }]);
    expect(done.response.usage).toEqual({ inputTokens: 5, outputTokens: 8 });
    expect(llm.mock.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('streams a function call as one tool_use event', async () => {
    llm.mock.enqueue({ text: 'Buscando.', toolCalls: [{ name: 'sales__list_orders', input: { contactId: 'c-9' } }] });
    const events = await collect(llm.models.gemini.stream({ messages: [userText('Pedidos?')], tools: [orderTool] }));
    const calls = events.filter((e) => e.type === 'tool_use');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.type === 'tool_use' && calls[0].part).toMatchObject({
      name: 'sales__list_orders',
      input: { contactId: 'c-9' },
    });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.response.stopReason).toBe('tool_use');
  });
});
