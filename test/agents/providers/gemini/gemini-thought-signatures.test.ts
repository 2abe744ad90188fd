import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Message, type ModelStreamEvent, toolUsesOf, userText } from '../../../../src/agents/model/index.js';
import { toAnthropicMessages } from '../../../../src/agents/providers/anthropic/anthropic-model.js';
import {
  requiresSignatures,
  SKIP_SIGNATURE_VALIDATOR,
  toGeminiContents,
} from '../../../../src/agents/providers/gemini/gemini-model.js';
import { functionTool, LlmAgent, Runner } from '../../../../src/agents/runtime/index.js';
import { SqliteSessionStore } from '../../../../src/agents/sessions/index.js';
import { createTestModels, useMockLlm } from '../../../support/mock-llm/index.js';

const orderTool = {
  name: 'sales__list_orders',
  description: 'Lists orders of a contact.',
  inputSchema: { type: 'object', properties: { contactId: { type: 'string' } }, required: ['contactId'] },
};

const llm = useMockLlm({ geminiModel: 'gemini-3-flash-preview' });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-signatures-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function doneOf(stream: AsyncIterable<ModelStreamEvent>) {
  let done: ModelStreamEvent | undefined;
  for await (const event of stream) if (event.type === 'done') done = event;
  if (done?.type !== 'done') throw new Error('the stream ended without done');
  return done.response;
}

describe('Gemini thought signatures', () => {
  it('keeps the signature of a function call and sends it back on the same part', async () => {
    llm.mock.enqueue(
      {
        text: 'Vou ver.',
        toolCalls: [{ name: 'sales__list_orders', input: { contactId: 'c-1' } }],
        thoughtSignature: 'sig-A',
      },
      { text: 'Você tem 2 pedidos.' },
    );
    const messages: Message[] = [userText('Meus pedidos?')];
    const first = await llm.models.gemini.generate({ messages, tools: [orderTool] });
    const [call] = toolUsesOf(first.content);
    expect(call).toMatchObject({ name: 'sales__list_orders', signature: 'sig-A' });
    // The text before the call is not signed: Gemini signs the first function call.
    expect(first.content.find((p) => p.type === 'text')).toEqual({ type: 'text', text: 'Vou ver.' });

    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolUseId: call?.id ?? '', toolName: call?.name ?? '', content: '2' }],
      },
    );
    await llm.models.gemini.generate({ messages, tools: [orderTool] });
    expect(llm.mock.requests[1]?.messages[1]).toEqual({
      role: 'assistant',
      parts: [
        { type: 'text', text: 'Vou ver.' },
        { type: 'tool_use', name: 'sales__list_orders', input: { contactId: 'c-1' }, signature: 'sig-A' },
      ],
    });
  });

  it('signs only the first of parallel calls, as Gemini does', async () => {
    llm.mock.enqueue({
      toolCalls: [
        { name: 'sales__list_orders', input: { contactId: 'c-1' } },
        { name: 'sales__list_orders', input: { contactId: 'c-2' } },
      ],
      thoughtSignature: 'sig-P',
    });
    const response = await llm.models.gemini.generate({
      messages: [userText('Pedidos de c-1 e c-2?')],
      tools: [orderTool],
    });
    expect(toolUsesOf(response.content).map((c) => c.signature)).toEqual(['sig-P', undefined]);
    const [contents] = toGeminiContents([{ role: 'assistant', content: response.content }]);
    expect(contents?.parts?.map((p) => p.thoughtSignature)).toEqual(['sig-P', undefined]);
  });

  it('keeps a streamed function call signature', async () => {
    llm.mock.enqueue({
      toolCalls: [{ name: 'sales__list_orders', input: { contactId: 'c-9' } }],
      thoughtSignature: 'sig-S',
    });
    const response = await doneOf(llm.models.gemini.stream({ messages: [userText('Pedidos?')], tools: [orderTool] }));
    expect(toolUsesOf(response.content)[0]).toMatchObject({ input: { contactId: 'c-9' }, signature: 'sig-S' });
  });

  it('puts the signature of a streamed text answer (a closing empty chunk) on the answer text', async () => {
    llm.mock.enqueue({ text: 'Sua fatura vence dia 10.', thoughtSignature: 'sig-T' });
    const events: ModelStreamEvent[] = [];
    for await (const event of llm.models.gemini.stream({ messages: [userText('Quando vence?')], tools: [] })) {
      events.push(event);
    }
    // The empty closing chunk makes no delta.
    expect(events.filter((e) => e.type === 'text_delta').every((e) => e.type === 'text_delta' && e.text !== '')).toBe(
      true,
    );
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.response.content).toEqual([{ type: 'text', text: 'Sua fatura vence dia 10.', signature: 'sig-T' }]);

    llm.mock.enqueue({ text: 'De nada.' });
    await llm.models.gemini.generate({
      messages: [
        userText('Quando vence?'),
        { role: 'assistant', content: done.response.content },
        userText('Obrigado'),
      ],
      tools: [],
    });
    expect(llm.mock.requests[1]?.messages[1]?.parts).toEqual([
      { type: 'text', text: 'Sua fatura vence dia 10.', signature: 'sig-T' },
    ]);
  });

  it('sends an empty text part back only when it carries a signature', () => {
    const contents = toGeminiContents([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: '' },
          { type: 'tool_use', id: 'gemini-call-1', name: 'ping', input: {} },
          { type: 'text', text: '', signature: 'sig-E' },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { functionCall: { name: 'ping', args: {} } },
      { text: '', thoughtSignature: 'sig-E' },
    ]);
  });

  it('marks unsigned calls from elsewhere (a handoff from another provider) with the skip sentinel on Gemini 3 only', async () => {
    const history: Message[] = [
      userText('Meus pedidos?'),
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_1', name: 'sales__list_orders', input: { contactId: 'c-1' } },
          { type: 'tool_use', id: 'toolu_2', name: 'sales__list_orders', input: { contactId: 'c-2' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolUseId: 'toolu_1', toolName: 'sales__list_orders', content: '[]' },
          { type: 'tool_result', toolUseId: 'toolu_2', toolName: 'sales__list_orders', content: '[]' },
        ],
      },
    ];
    llm.mock.enqueue({ text: 'Nenhum pedido.' }, { text: 'Nenhum pedido.' });
    await llm.models.gemini.generate({ messages: history, tools: [orderTool] });
    await createTestModels(llm.mock).gemini.generate({ messages: history, tools: [orderTool] });

    const signatures = (i: number) =>
      llm.mock.requests[i]?.messages[1]?.parts.map((p) => (p.type === 'tool_use' ? p.signature : 'not a call'));
    expect(llm.mock.requests[0]?.model).toBe('gemini-3-flash-preview');
    expect(signatures(0)).toEqual([SKIP_SIGNATURE_VALIDATOR, undefined]);
    expect(llm.mock.requests[1]?.model).toBe('gemini-2.5-flash');
    expect(signatures(1)).toEqual([undefined, undefined]);
  });

  it('knows which models validate signatures', () => {
    expect(
      ['gemini-2.5-flash', 'gemini-2.0-flash', 'models/gemini-2.5-pro', 'gemini-1.5-pro'].map(requiresSignatures),
    ).toEqual([false, false, false, false]);
    expect(['gemini-3-flash-preview', 'gemini-3.1-pro', 'gemini-flash-latest'].map(requiresSignatures)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('is ignored by the Anthropic adapter', () => {
    const [message] = toAnthropicMessages([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Vou ver.', signature: 'sig-A' },
          { type: 'tool_use', id: 'toolu_1', name: 'ping', input: {}, signature: 'sig-B' },
        ],
      },
    ]);
    expect(message?.content).toEqual([
      { type: 'text', text: 'Vou ver.' },
      { type: 'tool_use', id: 'toolu_1', name: 'ping', input: {} },
    ]);
  });

  it('survives the agent loop and a stored session: every later request carries the signature', async () => {
    const sessions = new SqliteSessionStore({ path: join(dir, 'sessions.db') });
    try {
      const orders = functionTool({
        name: 'list_orders',
        description: 'Lists the orders of a contact.',
        parameters: z.object({ contactId: z.string() }),
        execute: async ({ contactId }) => ({ contactId, orders: ['o-1', 'o-2'] }),
      });
      const agent = new LlmAgent({
        name: 'sales',
        description: 'Sales specialist',
        instruction: 'Você é o agente de vendas.',
        model: llm.models.gemini,
        tools: [orders],
      });
      llm.mock.enqueue(
        { toolCalls: [{ name: 'list_orders', input: { contactId: 'c-1' } }], thoughtSignature: 'sig-loop' },
        { text: 'Você tem 2 pedidos.', thoughtSignature: 'sig-answer' },
        { text: 'O pedido o-1 chega amanhã.' },
      );
      const request = { tenantId: 'tenant-demo', contactId: 'c-1', sessionId: 's-sig' };
      await new Runner({ sessions }).execute(agent, { ...request, message: 'Meus pedidos?' });
      // A new runner over the same file: the history comes from SQLite.
      await new Runner({ sessions }).execute(agent, { ...request, message: 'E o o-1?' });

      expect(llm.mock.requests).toHaveLength(3);
      const signedCall = { type: 'tool_use', name: 'list_orders', signature: 'sig-loop' };
      // Same run, next turn.
      expect(llm.mock.requests[1]?.messages[1]?.parts).toEqual([expect.objectContaining(signedCall)]);
      // Next run, history from the stored session: the call and the signed answer.
      const history = llm.mock.requests[2]?.messages ?? [];
      expect(history[1]?.parts).toEqual([expect.objectContaining(signedCall)]);
      expect(history[3]?.parts).toEqual([{ type: 'text', text: 'Você tem 2 pedidos.', signature: 'sig-answer' }]);
    } finally {
      sessions.close();
    }
  });
});
