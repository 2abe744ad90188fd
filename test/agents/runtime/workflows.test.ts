import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agents/events.js';
import { textOf } from '../../../src/agents/model/index.js';
import {
  type ActiveContext,
  type AgentOutcome,
  BaseAgent,
  LlmAgent,
  LoopAgent,
  ParallelAgent,
  SequentialAgent,
} from '../../../src/agents/runtime/index.js';
import { parallelFailuresKey } from '../../../src/agents/runtime/parallel-agent.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { deferred, newRunner, TENANT, tool } from './helpers.js';

/** A tiny custom agent: answers `text`, optionally writes state, optionally escalates. */
class FixedAgent extends BaseAgent {
  constructor(
    name: string,
    private readonly answer: (state: Record<string, unknown>) => string,
    private readonly options: { terminal?: boolean; wait?: Promise<void>; onStart?: () => void } = {},
  ) {
    super({ name, description: `${name} agent` });
  }
  // biome-ignore lint/correctness/useYield: a custom agent may answer without intermediate events.
  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    this.options.onStart?.();
    await this.options.wait;
    return {
      text: this.answer(ctx.session.state),
      usage: { inputTokens: 1, outputTokens: 1 },
      ...(this.options.terminal ? { terminal: true } : {}),
    };
  }
}

describe('SequentialAgent', () => {
  it('runs sub-agents in order on shared state and transcript; answers with the last text', async () => {
    const draftModel = new ScriptedModel(['Draft: we can offer a discount.']);
    const drafter = new LlmAgent({
      name: 'drafter',
      description: 'd',
      instruction: 'Draft.',
      model: draftModel,
      outputKey: 'draft',
    });
    const reviewModel = new ScriptedModel(['Final: 10% off.']);
    const reviewer = new LlmAgent({
      name: 'reviewer',
      description: 'r',
      instruction: 'Review: {draft}',
      model: reviewModel,
    });
    const pipeline = new SequentialAgent({ name: 'pipeline', description: 'p', subAgents: [drafter, reviewer] });
    const { runner } = newRunner();

    const result = await runner.execute(pipeline, { message: 'Offer?', tenantId: TENANT });

    expect(result.text).toBe('Final: 10% off.');
    expect(result.agentUsed).toBe('reviewer');
    expect(reviewModel.requests[0]?.system).toBe('Review: Draft: we can offer a discount.');
    // The reviewer sees the drafter's answer, then a cue that it is its turn.
    expect(reviewModel.requests[0]?.messages.map((m) => textOf(m.content))).toEqual([
      'Offer?',
      'Draft: we can offer a discount.',
      'Continue as reviewer.',
    ]);
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 10 });
  });

  it('stops early after a terminal final', async () => {
    let thirdRan = false;
    const pipeline = new SequentialAgent({
      name: 'pipeline',
      description: 'p',
      subAgents: [
        new FixedAgent('check', () => 'ok'),
        new FixedAgent('gate', () => 'escalated to a human', { terminal: true }),
        new FixedAgent('after', () => 'should not run', { onStart: () => (thirdRan = true) }),
      ],
    });
    const { runner } = newRunner();
    const result = await runner.execute(pipeline, { message: 'go', tenantId: TENANT });
    expect(result.text).toBe('escalated to a human');
    expect(thirdRan).toBe(false);
  });

  it('ends with the failing sub-agent error event', async () => {
    const pipeline = new SequentialAgent({
      name: 'pipeline',
      description: 'p',
      subAgents: [
        new LlmAgent({ name: 'bad', description: 'b', instruction: '{missing}', model: new ScriptedModel([]) }),
        new FixedAgent('after', () => 'never'),
      ],
    });
    const { runner } = newRunner();
    await expect(runner.execute(pipeline, { message: 'go', tenantId: TENANT })).rejects.toMatchObject({
      code: 'missing_state_key',
    });
  });
});

describe('ParallelAgent', () => {
  it('runs sub-agents concurrently, interleaving events and aggregating finals', async () => {
    // Each waits until the other has started: run one after the other, neither could finish.
    const aStarted = deferred();
    const bStarted = deferred();
    const a = new FixedAgent('crm_lookup', () => 'customer since 2020', {
      onStart: () => aStarted.resolve(),
      wait: bStarted.promise,
    });
    const b = new FixedAgent('email_check', () => 'email valid', {
      onStart: () => bStarted.resolve(),
      wait: aStarted.promise,
    });
    const enrich = new ParallelAgent({ name: 'enrich', description: 'e', subAgents: [a, b] });
    const { runner } = newRunner();

    const result = await runner.execute(enrich, { message: 'enrich lead', tenantId: TENANT });

    const finals = result.events.filter((e) => e.type === 'final').map((e) => e.agent);
    expect(finals.slice(0, 2).sort()).toEqual(['crm_lookup', 'email_check']);
    expect(finals[2]).toBe('enrich');
    expect(result.text).toBe('[crm_lookup] customer since 2020\n[email_check] email valid');
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 2 });
  });

  it('lets the others finish when one fails, and records which failed', async () => {
    const failing = new LlmAgent({
      name: 'linkedin',
      description: 'l',
      instruction: 'i',
      model: new ScriptedModel([{ error: new Error('HTTP 503') }]),
    });
    const working = new LlmAgent({
      name: 'crm',
      description: 'c',
      instruction: 'i',
      model: new ScriptedModel([{ toolCalls: [{ name: 'lookup' }] }, 'found in CRM']),
      tools: [tool('lookup', () => ({ content: 'row' }))],
    });
    const enrich = new ParallelAgent({ name: 'enrich', description: 'e', subAgents: [failing, working] });
    const { runner } = newRunner();

    const result = await runner.execute(enrich, { message: 'enrich', tenantId: TENANT });

    expect(result.text).toBe('[crm] found in CRM');
    expect(result.events.find((e) => e.type === 'error')).toMatchObject({ agent: 'linkedin', message: 'HTTP 503' });
    expect(result.state[parallelFailuresKey('enrich')]).toEqual(['linkedin']);
  });

  it('fails when every sub-agent fails', async () => {
    const broken = (name: string) =>
      new LlmAgent({
        name,
        description: 'b',
        instruction: 'i',
        model: new ScriptedModel([{ error: new Error(`${name} down`) }]),
      });
    const enrich = new ParallelAgent({ name: 'enrich', description: 'e', subAgents: [broken('x'), broken('y')] });
    const { runner } = newRunner();
    await expect(runner.execute(enrich, { message: 'go', tenantId: TENANT })).rejects.toThrow(/down/);
  });
});

describe('LoopAgent', () => {
  it('repeats until the condition on state holds', async () => {
    let round = 0;
    const writer = new FixedAgent('writer', (state) => {
      state.round = ++round;
      return `draft ${round}`;
    });
    const loop = new LoopAgent({
      name: 'qa',
      description: 'q',
      subAgents: [writer, new ScoringCritic()],
      maxIterations: 10,
      until: (state) => Number(state.quality_score) >= 0.8,
    });
    const { runner } = newRunner();
    const result = await runner.execute(loop, { message: 'write', tenantId: TENANT });
    expect(round).toBe(3);
    expect(result.state.quality_score).toBe(0.9);
    expect(result.text).toBe('score 0.9');
  });

  it('stops at maxIterations when the condition never holds', async () => {
    let runs = 0;
    const loop = new LoopAgent({
      name: 'bounded',
      description: 'b',
      subAgents: [new FixedAgent('step', () => `run ${++runs}`)],
      maxIterations: 4,
      until: () => false,
    });
    const { runner } = newRunner();
    const result = await runner.execute(loop, { message: 'go', tenantId: TENANT });
    expect(runs).toBe(4);
    expect(result.text).toBe('run 4');
  });

  it('stops on a terminal final', async () => {
    let runs = 0;
    const loop = new LoopAgent({
      name: 'until_escalation',
      description: 'b',
      subAgents: [
        new FixedAgent('step', () => `run ${++runs}`, { terminal: true }),
        new FixedAgent('never', () => 'x'),
      ],
      maxIterations: 4,
    });
    const { runner } = newRunner();
    const result = await runner.execute(loop, { message: 'go', tenantId: TENANT });
    expect(runs).toBe(1);
    expect(result.events.some((e) => e.agent === 'never')).toBe(false);
  });
});

/** Scores the latest draft: 0.5 for the first two, 0.9 from the third on. */
class ScoringCritic extends BaseAgent {
  constructor() {
    super({ name: 'critic', description: 'scores drafts' });
  }
  // biome-ignore lint/correctness/useYield: answers without intermediate events.
  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    const score = Number(ctx.session.state.round) >= 3 ? 0.9 : 0.5;
    ctx.session.state.quality_score = score;
    return { text: `score ${score}`, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}
