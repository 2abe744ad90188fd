import { describe, expect, it } from 'vitest';
import { AgentError, MaxIterationsExceededError } from '../../../src/agents/errors.js';
import { textOf } from '../../../src/agents/model/index.js';
import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { collect, newRunner, TENANT, tool } from './helpers.js';

describe('LlmAgent', () => {
  it('answers with text, streaming partial events, and reports usage', async () => {
    const model = new ScriptedModel(['Hello there, how can I help?'], { chunkSize: 5 });
    const agent = new LlmAgent({ name: 'greeter', description: 'greets', instruction: 'Be kind.', model });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'hi', tenantId: TENANT });

    expect(result.text).toBe('Hello there, how can I help?');
    expect(result.agentUsed).toBe('greeter');
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    const partials = result.events.filter((e) => e.type === 'partial');
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.map((e) => (e.type === 'partial' ? e.text : '')).join('')).toBe(result.text);
    const last = result.events.at(-1);
    expect(last).toMatchObject({ type: 'final', agent: 'greeter', runId: result.runId });
    expect(result.events.every((e) => e.runId === result.runId && e.elapsedMs >= 0 && e.at > 0)).toBe(true);
    expect(model.requests[0]?.system).toBe('Be kind.');
  });

  it('runs two tool rounds before answering, feeding results back in call order', async () => {
    const model = new ScriptedModel([
      { text: 'Let me look that up.', toolCalls: [{ name: 'find_contact', args: { name: 'Ana' } }] },
      { toolCalls: [{ name: 'open_deals', args: { contactId: 'c-42' } }] },
      'Ana has 2 open deals.',
    ]);
    const findContact = tool('find_contact', () => ({ content: '{"id":"c-42"}' }), { name: { type: 'string' } });
    const openDeals = tool('open_deals', ({ contactId }) => ({ content: `${contactId}: 2 deals` }), {
      contactId: { type: 'string' },
    });
    const agent = new LlmAgent({
      name: 'sales',
      description: 's',
      instruction: 'sell',
      model,
      tools: [findContact, openDeals],
    });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'deals of Ana?', tenantId: TENANT });

    expect(result.text).toBe('Ana has 2 open deals.');
    expect(result.toolCalls.map((c) => [c.tool, c.output, c.isError])).toEqual([
      ['find_contact', '{"id":"c-42"}', false],
      ['open_deals', 'c-42: 2 deals', false],
    ]);
    expect(result.thoughts).toEqual(['Let me look that up.']);
    expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 15 });
    // The third request carries the whole exchange: user, tool_use, tool_result, tool_use, tool_result.
    const third = model.requests[2]?.messages ?? [];
    expect(third.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(third[4]?.content[0]).toMatchObject({
      type: 'tool_result',
      toolName: 'open_deals',
      content: 'c-42: 2 deals',
    });
    expect(model.requests[0]?.tools.map((t) => t.name)).toEqual(['find_contact', 'open_deals']);
  });

  it('fills {key} and {key?} from session state and refuses to call the model when a required key is missing', async () => {
    const model = new ScriptedModel(['ok', 'ok']);
    const agent = new LlmAgent({
      name: 'support',
      description: 's',
      instruction: 'Customer plan: {plan}. Notes: {notes?}. Raw JSON stays: {"a": 1}',
      model,
    });
    const { runner } = newRunner();

    await runner.execute(agent, { message: 'hi', tenantId: TENANT, stateDelta: { plan: { tier: 'pro' } } });
    expect(model.requests[0]?.system).toBe('Customer plan: {"tier":"pro"}. Notes: . Raw JSON stays: {"a": 1}');

    const failure = runner.execute(agent, { message: 'hi', tenantId: TENANT });
    await expect(failure).rejects.toBeInstanceOf(AgentError);
    await expect(failure).rejects.toMatchObject({
      code: 'missing_state_key',
      message: expect.stringContaining('"plan"'),
    });
    expect(model.calls).toBe(1);
  });

  it('passes temperature and maxTokens and uses generate when streaming is off', async () => {
    const model = new ScriptedModel(['done']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      temperature: 0.2,
      maxTokens: 300,
      stream: false,
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });
    expect(result.events.some((e) => e.type === 'partial')).toBe(false);
    expect(model.requests[0]).toMatchObject({ temperature: 0.2, maxTokens: 300, context: { agentName: 'a' } });
  });

  it('stops with max_iterations_exceeded when the model keeps calling tools', async () => {
    const model = new ScriptedModel(() => ({ toolCalls: [{ name: 'ping' }] }));
    const agent = new LlmAgent({
      name: 'looper',
      description: 'l',
      instruction: 'x',
      model,
      tools: [tool('ping', () => ({ content: 'pong' }))],
      maxIterations: 3,
    });
    const { runner } = newRunner();
    const events = await collect(runner.run(agent, { message: 'go', tenantId: TENANT }));
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'max_iterations_exceeded', agent: 'looper' });
    await expect(runner.execute(agent, { message: 'go', tenantId: TENANT })).rejects.toBeInstanceOf(
      MaxIterationsExceededError,
    );
    expect(model.calls).toBe(6);
  });

  it('saves the answer under outputKey and applies a tool stateDelta', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'score', args: {} }] }, 'Lead is hot.']);
    const score = tool('score', () => ({ content: 'score 0.9', actions: { stateDelta: { lead_score: 0.9 } } }));
    const agent = new LlmAgent({
      name: 'qual',
      description: 'q',
      instruction: 'x',
      model,
      tools: [score],
      outputKey: 'summary',
    });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'qualify', tenantId: TENANT });
    expect(result.state).toMatchObject({ lead_score: 0.9, summary: 'Lead is hot.' });
  });

  it('ends with a terminal final when a tool escalates', async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: 'escalate' }] }, 'never']);
    const escalate = tool('escalate', () => ({ content: 'A supervisor will call you.', actions: { escalate: true } }));
    const agent = new LlmAgent({ name: 'ret', description: 'r', instruction: 'x', model, tools: [escalate] });
    const { runner } = newRunner();
    const result = await runner.execute(agent, { message: 'cancel!', tenantId: TENANT });
    expect(result.text).toBe('A supervisor will call you.');
    expect(result.events.at(-1)).toMatchObject({ type: 'final', terminal: true });
    expect(model.calls).toBe(1);
  });

  it('sends the session history on the next run, bounded without orphaning a tool result', async () => {
    const model = new ScriptedModel((request) => `seen ${request.messages.length}`);
    const agent = new LlmAgent({ name: 'h', description: 'h', instruction: 'x', model, historyWindow: 3 });
    const { runner, sessions } = newRunner();
    const first = await runner.execute(agent, { message: 'one', tenantId: TENANT, contactId: 'c1', sessionId: 's1' });
    expect(first.text).toBe('seen 1');
    const second = await runner.execute(agent, { message: 'two', tenantId: TENANT, sessionId: 's1' });
    expect(second.text).toBe('seen 3');
    const stored = await sessions.load({ tenantId: TENANT, contactId: 'c1', sessionId: 's1' });
    expect(stored?.history.map((m) => textOf(m.content))).toEqual(['one', 'seen 1', 'two', 'seen 3']);

    // A stored exchange with tool calls: a 3-message window would start at a tool_result; it moves on.
    if (stored) {
      await sessions.append(stored, [
        { role: 'user', content: [{ type: 'text', text: 'three' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', toolName: 'x', content: 'r' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'done' }] },
      ]);
    }
    await runner.execute(agent, { message: 'four', tenantId: TENANT, sessionId: 's1' });
    const sent = model.requests.at(-1)?.messages ?? [];
    // Window of 3 = [tool_use, tool_result, 'done'] → starts at neither; nothing before 'four' qualifies.
    expect(sent.map((m) => textOf(m.content))).toEqual(['four']);
  });
});
