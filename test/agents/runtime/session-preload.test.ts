import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agents/events.js';
import { type ActiveContext, type AgentOutcome, BaseAgent, Runner } from '../../../src/agents/runtime/index.js';
import { InMemorySessionStore, type LoadSessionOptions, type SessionKey } from '../../../src/agents/sessions/index.js';
import { TENANT } from './helpers.js';

/** Counts the store's loads. */
class CountingStore extends InMemorySessionStore {
  loads = 0;
  override async load(key: SessionKey, options?: LoadSessionOptions) {
    this.loads++;
    return super.load(key, options);
  }
}

/** Answers with how many messages of history it saw and bumps a counter in the state. */
class HistoryAgent extends BaseAgent {
  constructor() {
    super({ name: 'history', description: 'h' });
  }
  // biome-ignore lint/correctness/useYield: answers without intermediate events.
  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    ctx.session.state.count = Number(ctx.session.state.count ?? 0) + 1;
    return { text: `seen ${ctx.session.history.length}`, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}

describe('Runner.preloadSession: the session loaded while planning is the run’s', () => {
  const key = { tenantId: TENANT, contactId: 'c1', sessionId: 's1' };

  it('runs on the preloaded session without loading it again', async () => {
    const sessions = new CountingStore();
    const runner = new Runner({ sessions });
    const agent = new HistoryAgent();
    await runner.execute(agent, { ...key, message: 'one' });
    sessions.loads = 0;
    const preloaded = await runner.preloadSession(key);
    const result = await runner.execute(agent, { ...key, message: 'two', preloaded });
    expect(sessions.loads).toBe(1);
    expect(result.text).toBe('seen 2');
    expect(result.state.count).toBe(2);
  });

  it('loads afresh when a run on the session ended after the preload', async () => {
    const sessions = new CountingStore();
    const runner = new Runner({ sessions });
    const agent = new HistoryAgent();
    await runner.execute(agent, { ...key, message: 'one' });
    const preloaded = await runner.preloadSession(key);
    // Another message of the same session runs between this one's planning and its run.
    await runner.execute(agent, { ...key, message: 'two' });
    sessions.loads = 0;
    const result = await runner.execute(agent, { ...key, message: 'three', preloaded });
    expect(sessions.loads).toBe(1);
    expect(result.text).toBe('seen 4');
    expect(result.state.count).toBe(3);
  });

  it('ignores a preload of another session, and one of a new session that got a run meanwhile', async () => {
    const sessions = new CountingStore();
    const runner = new Runner({ sessions });
    const agent = new HistoryAgent();
    const other = await runner.preloadSession({ tenantId: TENANT, sessionId: 'other' });
    const fresh = await runner.preloadSession(key);
    expect(fresh.session).toBeUndefined();
    await runner.execute(agent, { ...key, message: 'one' });
    sessions.loads = 0;
    expect((await runner.execute(agent, { ...key, message: 'two', preloaded: other })).text).toBe('seen 2');
    expect((await runner.execute(agent, { ...key, message: 'three', preloaded: fresh })).text).toBe('seen 4');
    expect(sessions.loads).toBe(2);
  });
});
