import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agents/events.js';
import type { Message } from '../../../src/agents/model/index.js';
import { textOf } from '../../../src/agents/model/index.js';
import {
  type ActiveContext,
  type AgentOutcome,
  BaseAgent,
  LlmAgent,
  Runner,
} from '../../../src/agents/runtime/index.js';
import {
  type AppendSessionOptions,
  InMemorySessionStore,
  type LoadSessionOptions,
  type SessionKey,
  type SessionRecord,
} from '../../../src/agents/sessions/index.js';
import { InvalidInputError } from '../../../src/shared/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { collect, deferred, newRunner, TENANT } from './helpers.js';

/** An agent that logs when each run starts and ends, and waits on a per-message gate in between. */
class GatedAgent extends BaseAgent {
  readonly log: string[] = [];
  constructor(
    private readonly gates: Record<string, Promise<void>>,
    private readonly started: Record<string, () => void> = {},
  ) {
    super({ name: 'gated', description: 'g' });
  }
  // biome-ignore lint/correctness/useYield: answers without intermediate events.
  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    this.log.push(`start ${ctx.userMessage}`);
    this.started[ctx.userMessage]?.();
    await this.gates[ctx.userMessage];
    ctx.session.state.count = Number(ctx.session.state.count ?? 0) + 1;
    this.log.push(`end ${ctx.userMessage}`);
    return { text: `done ${ctx.userMessage}`, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}

describe('Runner', () => {
  it('serializes runs on the same session', async () => {
    const firstGate = deferred();
    const firstStarted = deferred();
    const agent = new GatedAgent({ one: firstGate.promise }, { one: firstStarted.resolve });
    const { runner } = newRunner();
    const key = { tenantId: TENANT, contactId: 'c1', sessionId: 's1' };

    const first = runner.execute(agent, { ...key, message: 'one' });
    await firstStarted.promise;
    const second = runner.execute(agent, { ...key, message: 'two' });
    // Give the second run every chance to start (several event-loop turns) before releasing the first.
    for (let i = 0; i < 5; i++) await nextTurn();
    firstGate.resolve();
    const [r1, r2] = await Promise.all([first, second]);

    expect(agent.log).toEqual(['start one', 'end one', 'start two', 'end two']);
    // The second run saw the first one's saved state and history.
    expect(r1.state.count).toBe(1);
    expect(r2.state.count).toBe(2);
  });

  it('runs different sessions in parallel', async () => {
    // Each run waits until the other has started: serialized, neither could finish.
    const oneStarted = deferred();
    const twoStarted = deferred();
    const agent = new GatedAgent(
      { one: twoStarted.promise, two: oneStarted.promise },
      { one: oneStarted.resolve, two: twoStarted.resolve },
    );
    const { runner } = newRunner();
    const [r1, r2] = await Promise.all([
      runner.execute(agent, { tenantId: TENANT, sessionId: 's1', message: 'one' }),
      runner.execute(agent, { tenantId: TENANT, sessionId: 's2', message: 'two' }),
    ]);
    expect(agent.log.slice(0, 2).sort()).toEqual(['start one', 'start two']);
    expect([r1.text, r2.text]).toEqual(['done one', 'done two']);
  });

  it('creates a session with generated ids, merges stateDelta, saves history and drops temp: keys', async () => {
    const model = new ScriptedModel(['hi!']);
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model,
      callbacks: {
        beforeAgent: (ctx) => {
          ctx.session.state['temp:scratch'] = 'gone after the run';
        },
      },
    });
    const { runner, sessions } = newRunner();
    const result = await runner.execute(agent, {
      message: 'hello',
      tenantId: TENANT,
      stateDelta: { channel: 'whatsapp' },
    });
    expect(result.session.contactId).toMatch(/^contact-/);
    expect(result.session.sessionId).toBe(result.runId);
    expect(result.state).toMatchObject({ channel: 'whatsapp', 'temp:scratch': 'gone after the run' });
    const stored = await sessions.load(result.session);
    expect(stored?.state).toEqual({ channel: 'whatsapp' });
    expect(stored?.history.map((m) => `${m.role}:${textOf(m.content)}`)).toEqual(['user:hello', 'assistant:hi!']);
    expect(await sessions.list(TENANT, result.session.contactId)).toEqual([result.session]);
  });

  it('rejects a session that belongs to another contact, and invalid requests, as invalid_argument', async () => {
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model: new ScriptedModel(['one', 'two']),
    });
    const { runner } = newRunner();
    await runner.execute(agent, { message: 'hi', tenantId: TENANT, contactId: 'alice', sessionId: 'shared' });
    await expect(
      runner.execute(agent, { message: 'hi', tenantId: TENANT, contactId: 'mallory', sessionId: 'shared' }),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
    const events = await collect(runner.run(agent, { message: '', tenantId: TENANT }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', code: 'invalid_argument' });
    await expect(runner.execute(agent, { message: 'x', tenantId: '' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('keeps tenants apart: the same session id in another tenant is another session', async () => {
    const agent = new GatedAgent({});
    const { runner } = newRunner();
    await runner.execute(agent, { message: 'a', tenantId: 't1', sessionId: 'same' });
    const other = await runner.execute(agent, { message: 'b', tenantId: 't2', sessionId: 'same' });
    expect(other.state.count).toBe(1);
  });

  it('bounds the stored history at an exchange boundary', async () => {
    const sessions = new InMemorySessionStore();
    const runner = new Runner({ sessions, maxStoredMessages: 5 });
    const agent = new LlmAgent({
      name: 'a',
      description: 'a',
      instruction: 'x',
      model: new ScriptedModel((_r, i) => `answer ${i}`),
    });
    for (const message of ['m0', 'm1', 'm2', 'm3']) {
      await runner.execute(agent, { message, tenantId: TENANT, contactId: 'c', sessionId: 's' });
    }
    const stored = await sessions.load({ tenantId: TENANT, contactId: 'c', sessionId: 's' });
    expect(stored?.history.map((m) => textOf(m.content))).toEqual(['m2', 'answer 2', 'm3', 'answer 3']);
  });

  it('loads only the history window its agents read and appends only the run, answering as before', async () => {
    const calls: string[] = [];
    class RecordingStore extends InMemorySessionStore {
      override async load(key: SessionKey, options?: LoadSessionOptions) {
        calls.push(`load window=${options?.historyWindow}`);
        return super.load(key, options);
      }
      override async append(session: SessionRecord, messages: readonly Message[], options?: AppendSessionOptions) {
        calls.push(`append ${messages.map((m) => textOf(m.content)).join('|')}`);
        return super.append(session, messages, options);
      }
    }
    const sessions = new RecordingStore();
    const model = new ScriptedModel((_request, i) => `a${i}`);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, historyWindow: 4 });
    const runner = new Runner({ sessions, historyWindow: 4 });
    const key = { tenantId: TENANT, contactId: 'c', sessionId: 's' };
    for (const message of ['m0', 'm1', 'm2', 'm3']) await runner.execute(agent, { ...key, message });
    // The last run sees the last 4 stored messages and its own: what the whole history gave before.
    expect(model.requests.at(-1)?.messages.map((m) => textOf(m.content))).toEqual(['m1', 'a1', 'm2', 'a2', 'm3']);
    expect(calls).toEqual([
      'load window=4',
      'append m0|a0',
      'load window=4',
      'append m1|a1',
      'load window=4',
      'append m2|a2',
      'load window=4',
      'append m3|a3',
    ]);
    expect((await sessions.load(key))?.history).toHaveLength(8);
  });

  it('fails an agent that wants more history than the runner loads, instead of answering from less', async () => {
    const model = new ScriptedModel(() => 'never');
    const agent = new LlmAgent({ name: 'wide', description: 'w', instruction: 'x', model, historyWindow: 100 });
    const { runner } = newRunner();
    await expect(runner.execute(agent, { tenantId: TENANT, message: 'first' })).rejects.toMatchObject({
      code: 'invalid_agent_config',
    });
    expect(model.calls).toBe(0);
  });
});
