import { describe, expect, it } from 'vitest';
import {
  type Message,
  type ModelRequest,
  type ModelStreamEvent,
  type ToolDefinition,
  textOf,
  toolUsesOf,
  userText,
} from '../../../../src/agents/model/index.js';
import { useMockLlm } from '../../../support/mock-llm/index.js';

const lookupTool: ToolDefinition = {
  name: 'crm__lookup_contact',
  description: 'Looks up a contact by e-mail.',
  inputSchema: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' } },
    required: ['email'],
    additionalProperties: false,
  },
};
const orderTool: ToolDefinition = {
  name: 'sales__list_orders',
  description: 'Lists orders of a contact.',
  inputSchema: { type: 'object', properties: { contactId: { type: 'string' } }, required: ['contactId'] },
};

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const llm = useMockLlm();

describe('AnthropicModel against the mock Messages API', () => {
  it('returns plain text with usage, stop reason and the model name', async () => {
    llm.mock.enqueue({ text: 'Olá! Como posso ajudar?', usage: { input: 12, output: 7 } });
    const response = await llm.models.anthropic.generate({
      system: 'Seja breve.',
      messages: [userText('Oi')],
      tools: [],
    });
    expect(textOf(response.content)).toBe('Olá! Como posso ajudar?');
    expect(response.stopReason).toBe('end_turn');
    expect(response.usage).toEqual({ inputTokens: 12, outputTokens: 7 });
    expect(response.model).toBe('claude-sonnet-4-6');
  });

  it('sends the system prompt, tools, temperature and max_tokens it was given', async () => {
    llm.mock.enqueue({ text: 'ok' });
    await llm.models.anthropic.generate({
      system: 'Você é o agente de vendas.',
      messages: [userText('Quero ver meus pedidos')],
      tools: [lookupTool, orderTool],
      temperature: 0.2,
      maxTokens: 300,
    });
    const sent = llm.mock.requests[0];
    expect(sent?.provider).toBe('anthropic');
    expect(sent?.system).toBe('Você é o agente de vendas.');
    expect(sent?.temperature).toBe(0.2);
    expect(sent?.maxTokens).toBe(300);
    expect(sent?.tools.map((t) => t.name)).toEqual(['crm__lookup_contact', 'sales__list_orders']);
    expect(sent?.tools[0]?.schema).toMatchObject({ type: 'object', required: ['email'] });
    expect(sent?.headers.authorization ?? sent?.headers['x-api-key']).toContain('sk-ant-test-dummy');
    expect(sent?.lastUserText).toBe('Quero ver meus pedidos');
  });

  it('reads tool calls from tool_use blocks, text before them included', async () => {
    llm.mock.enqueue({
      text: 'Vou procurar.',
      toolCalls: [{ name: 'crm__lookup_contact', input: { email: 'ana@x.com' } }],
    });
    const response = await llm.models.anthropic.generate({ messages: [userText('Sou a Ana')], tools: [lookupTool] });
    expect(response.stopReason).toBe('tool_use');
    expect(textOf(response.content)).toBe('Vou procurar.');
    const [call] = toolUsesOf(response.content);
    expect(call).toMatchObject({ name: 'crm__lookup_contact', input: { email: 'ana@x.com' } });
    expect(call?.id).toMatch(/^toolu_/);
  });

  it('runs two tool rounds by hand and sends each tool result back with its call id', async () => {
    llm.mock.enqueue(
      { toolCalls: [{ name: 'crm__lookup_contact', input: { email: 'ana@x.com' } }] },
      { toolCalls: [{ name: 'sales__list_orders', input: { contactId: 'c-1' } }] },
      { text: 'Você tem 2 pedidos.' },
    );
    const messages: Message[] = [userText('Quais meus pedidos? ana@x.com')];
    const request = (): ModelRequest => ({ messages, tools: [lookupTool, orderTool] });
    const outputs: Record<string, string> = {
      crm__lookup_contact: '{"id":"c-1"}',
      sales__list_orders: '[{"id":"o-1"},{"id":"o-2"}]',
    };
    let final = '';
    for (let round = 0; round < 5; round++) {
      const response = await llm.models.anthropic.generate(request());
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
    const second = llm.mock.requests[1];
    const firstCall = toolUsesOf(messages[1]?.content ?? [])[0];
    expect(second?.toolResults).toEqual([
      { type: 'tool_result', toolUseId: firstCall?.id, content: '{"id":"c-1"}', isError: false },
    ]);
    // The assistant's tool_use went back too, so the ids pair up.
    expect(second?.messages[1]?.parts[0]).toMatchObject({
      type: 'tool_use',
      id: firstCall?.id,
      name: 'crm__lookup_contact',
    });
    expect(llm.mock.requests[2]?.toolResults[0]?.content).toBe('[{"id":"o-1"},{"id":"o-2"}]');
  });

  it('marks failed tool results with is_error', async () => {
    llm.mock.enqueue({ text: 'Desculpe, houve um erro.' });
    await llm.models.anthropic.generate({
      messages: [
        userText('Oi'),
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'crm__lookup_contact', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolUseId: 'toolu_1',
              toolName: 'crm__lookup_contact',
              content: 'boom',
              isError: true,
            },
          ],
        },
      ],
      tools: [lookupTool],
    });
    expect(llm.mock.requests[0]?.toolResults).toEqual([
      { type: 'tool_result', toolUseId: 'toolu_1', content: 'boom', isError: true },
    ]);
  });

  it('streams text deltas in order, then one done with the whole answer', async () => {
    llm.mock.enqueue({ text: 'Seu pedido chega amanhã cedo.' });
    const events = await collect(llm.models.anthropic.stream({ messages: [userText('Cadê meu pedido?')], tools: [] }));
    const deltas = events.filter((e) => e.type === 'text_delta').map((e) => e.text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Seu pedido chega amanhã cedo.');
    expect(events.at(-1)?.type).toBe('done');
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(textOf(done.response.content)).toBe('Seu pedido chega amanhã cedo.');
    expect(done.response.stopReason).toBe('end_turn');
    expect(llm.mock.requests[0]?.stream).toBe(true);
  });

  it('assembles streamed tool_use input from JSON deltas', async () => {
    const input = { email: 'ana@x.com', filters: { status: ['open', 'late'], limit: 10 } };
    llm.mock.enqueue({
      text: 'Um momento.',
      toolCalls: [{ name: 'crm__lookup_contact', input }],
      usage: { input: 30, output: 20 },
    });
    const events = await collect(llm.models.anthropic.stream({ messages: [userText('Oi')], tools: [lookupTool] }));
    const toolEvents = events.filter((e) => e.type === 'tool_use');
    expect(toolEvents).toHaveLength(1);
    expect(toolEvents[0]?.type === 'tool_use' && toolEvents[0].part.input).toEqual(input);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.response.stopReason).toBe('tool_use');
    expect(done.response.usage).toEqual({ inputTokens: 30, outputTokens: 20 });
    expect(done.response.content.map((p) => p.type)).toEqual(['text', 'tool_use']);
    // Text deltas came before the tool call.
    expect(events.findIndex((e) => e.type === 'text_delta')).toBeLessThan(
      events.findIndex((e) => e.type === 'tool_use'),
    );
  });
  it('answers from a dynamic handler once scripted turns run out', async () => {
    llm.mock.enqueue({ text: 'roteirizado' });
    llm.mock.setHandler((req) => ({ text: `eco: ${req.lastUserText}` }));
    const first = await llm.models.anthropic.generate({ messages: [userText('um')], tools: [] });
    const second = await llm.models.anthropic.generate({ messages: [userText('dois')], tools: [] });
    const third = await llm.models.gemini.generate({ messages: [userText('três')], tools: [] });
    expect([first, second, third].map((r) => textOf(r.content))).toEqual(['roteirizado', 'eco: dois', 'eco: três']);
  });
});
