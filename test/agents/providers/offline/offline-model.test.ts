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
import { OfflineModel } from '../../../../src/agents/providers/offline/offline-model.js';
import type { OfflinePolicy } from '../../../../src/agents/providers/offline/offline-policy.js';

const tool = (name: string): ToolDefinition => ({
  name,
  description: name,
  inputSchema: { type: 'object', properties: {} },
});
const tools = [tool('memory__search_memory'), tool('retention__get_churn_risk'), tool('transfer_to_sales')];

const policy: OfflinePolicy = {
  searchMemoryFirst: true,
  mainTool: (message) => {
    const id = /contato ([\w-]+)/.exec(message)?.[1];
    return id ? { name: 'get_churn_risk', args: { contactId: id } } : undefined;
  },
  answer: (message, results, state) => {
    const risk = results.get('get_churn_risk') as { score?: number } | undefined;
    const memories = results.get('search_memory');
    return `Risco ${risk?.score ?? '?'} | memórias: ${JSON.stringify(memories)} | plano: ${String(state.plan ?? '-')} | ${message.length}`;
  },
};

/** The policies of this test's agents, by agent name (the model finds a caller's policy by its name). */
const policies = new Map<string, OfflinePolicy>([
  ['risk_analyst', policy],
  ['memory_only', { searchMemoryFirst: true, answer: () => 'ok' }],
]);
const model = new OfflineModel({ policies });
const analyst = (state: Record<string, unknown> = {}) => ({ agentName: 'risk_analyst', state });

/** Plays the offline model's turn to the end, answering each tool call from `outputs`. */
async function playTurn(
  request: ModelRequest,
  outputs: Record<string, string>,
): Promise<{ calls: string[]; text: string }> {
  const messages: Message[] = [...request.messages];
  const calls: string[] = [];
  for (let round = 0; round < 5; round++) {
    const response = await model.generate({ ...request, messages });
    expect(response.model).toBe('offline');
    expect(response.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    const uses = toolUsesOf(response.content);
    if (uses.length === 0) return { calls, text: textOf(response.content) };
    messages.push({ role: 'assistant', content: response.content });
    messages.push({
      role: 'user',
      content: uses.map((u) => {
        calls.push(`${u.name}:${JSON.stringify(u.input)}`);
        return { type: 'tool_result', toolUseId: u.id, toolName: u.name, content: outputs[u.name] ?? 'sem dados' };
      }),
    });
  }
  throw new Error('offline model did not answer within 5 rounds');
}

describe('OfflineModel', () => {
  it('searches memory, calls the main tool with arguments from the message, then answers from the results', async () => {
    const result = await playTurn(
      { messages: [userText('Qual o risco do contato c-42?')], tools, context: analyst({ plan: 'gold' }) },
      { memory__search_memory: '[{"fact":"reclamou do preço"}]', retention__get_churn_risk: '{"score":0.8}' },
    );
    expect(result.calls).toEqual([
      'memory__search_memory:{"query":"Qual o risco do contato c-42?"}',
      'retention__get_churn_risk:{"contactId":"c-42"}',
    ]);
    expect(result.text).toBe('Risco 0.8 | memórias: [{"fact":"reclamou do preço"}] | plano: gold | 29');
  });

  it('skips tools that are not offered and a main tool the message gives no arguments for', async () => {
    const result = await playTurn(
      { messages: [userText('Oi')], tools: [tool('other__thing')], context: analyst() },
      {},
    );
    expect(result.calls).toEqual([]);
    expect(result.text).toContain('Risco ?');
  });

  it('matches tools by exact name before namespaced suffix', async () => {
    const response = await model.generate({
      messages: [userText('x')],
      tools: [tool('a__search_memory'), tool('search_memory')],
      context: { agentName: 'memory_only' },
    });
    expect(toolUsesOf(response.content)[0]?.name).toBe('search_memory');
  });

  it('starts over on the next user message of the same conversation', async () => {
    const history: Message[] = [
      userText('contato c-1'),
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'offline-0-1', name: 'memory__search_memory', input: {} }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolUseId: 'offline-0-1', toolName: 'memory__search_memory', content: '[]' }],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'feito' }] },
      userText('e o contato c-2?'),
    ];
    const response = await model.generate({ messages: history, tools, context: analyst() });
    expect(toolUsesOf(response.content)[0]).toMatchObject({
      name: 'memory__search_memory',
      input: { query: 'e o contato c-2?' },
    });
  });

  it('is deterministic: the same request gives the same response, ids included', async () => {
    const request: ModelRequest = { messages: [userText('risco do contato c-7')], tools, context: analyst() };
    const a = await model.generate(request);
    const b = await new OfflineModel({ policies }).generate({
      ...request,
      messages: [userText('risco do contato c-7')],
    });
    expect(b).toEqual(a);
    const first = await playTurn(request, { retention__get_churn_risk: '{"score":0.1}' });
    const second = await playTurn(request, { retention__get_churn_risk: '{"score":0.1}' });
    expect(second).toEqual(first);
  });

  it('answers politely in PT-BR with a summary of the tool results when there is no policy', async () => {
    const response = await model.generate({
      messages: [
        userText('Quero saber do meu pedido'),
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'sales__get_order', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 't1', toolName: 'sales__get_order', content: '{"status":"enviado"}' },
          ],
        },
      ],
      tools: [tool('sales__get_order')],
    });
    const text = textOf(response.content);
    expect(text).toContain('modo offline');
    expect(text).toContain('Quero saber do meu pedido');
    expect(text).toContain('get_order: {"status":"enviado"}');
    expect(response.stopReason).toBe('end_turn');
  });

  it('streams the same decision: deltas that join to the answer, then done', async () => {
    const request: ModelRequest = { messages: [userText('Olá. Tudo bem? Preciso de ajuda!')], tools: [] };
    const events: ModelStreamEvent[] = [];
    for await (const event of model.stream(request)) events.push(event);
    const expected = textOf((await model.generate(request)).content);
    const deltas = events.filter((e) => e.type === 'text_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => (e.type === 'text_delta' ? e.text : '')).join('')).toBe(expected);
    expect(events.at(-1)?.type).toBe('done');
  });

  it("follows the calling agent's policy, found by its name; an agent without one gets the generic answer", async () => {
    const request = {
      messages: [userText('Qual o risco do contato c-9?')],
      tools: [tool('retention__get_churn_risk')],
    };
    const known = await model.generate({ ...request, context: analyst() });
    expect(toolUsesOf(known.content)[0]).toMatchObject({
      name: 'retention__get_churn_risk',
      input: { contactId: 'c-9' },
    });
    const unknown = await model.generate({ ...request, context: { agentName: 'someone_else' } });
    expect(textOf(unknown.content)).toContain('modo offline');
    const anonymous = await model.generate(request);
    expect(textOf(anonymous.content)).toContain('modo offline');
  });

  it('reads the turn without the handoff that brought the conversation, so the new agent runs its own steps', async () => {
    const handedOver: Message[] = [
      userText('risco do contato c-3'),
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'transfer_to_risk_analyst', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolUseId: 't1', toolName: 'transfer_to_risk_analyst', content: 'Transferred.' },
        ],
      },
    ];
    const response = await model.generate({ messages: handedOver, tools, context: analyst() });
    expect(toolUsesOf(response.content)[0]).toMatchObject({
      id: 'offline-0-1',
      name: 'memory__search_memory',
      input: { query: 'risco do contato c-3' },
    });
  });

  it('refuses to run on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(model.generate({ messages: [userText('x')], tools: [], signal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });
});
