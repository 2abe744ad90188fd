import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentConfigError } from '../../../src/agents/errors.js';
import type { Message, ModelResponse } from '../../../src/agents/model/index.js';
import { completePrefix, historyWindow } from '../../../src/agents/runtime/history-window.js';
import { functionTool, LlmAgent, setTracer } from '../../../src/agents/runtime/index.js';
import { compileInstruction } from '../../../src/agents/runtime/instruction-template.js';
import { resolveTurn } from '../../../src/agents/runtime/resolve-turn.js';
import { KeyedLock } from '../../../src/agents/runtime/session-lock.js';
import { firstStop, iterationLimit, type LoopState, runAborted } from '../../../src/agents/runtime/stop-conditions.js';
import { checkToolArgs } from '../../../src/agents/runtime/tool-schema-validator.js';
import { type Span, withSpan } from '../../../src/agents/runtime/tracing.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT } from './helpers.js';

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const toolUse: Message = { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'x', input: {} }] };
const toolResult: Message = {
  role: 'user',
  content: [{ type: 'tool_result', toolUseId: 't', toolName: 'x', content: 'r' }],
};

describe('instruction templates', () => {
  it('renders state values, JSON for objects, empty for missing optional keys, prefixed keys', () => {
    const render = compileInstruction('Hi {name}. {user:tier?}|{temp:n}|{data}', 'a');
    expect(render({ name: 'Ana', 'temp:n': 3, data: [1, 2] })).toBe('Hi Ana. |3|[1,2]');
  });

  it('names the agent and the key when a required key is missing', () => {
    expect(() => compileInstruction('{plan}', 'sales')({})).toThrow(/agent "sales" needs state key "plan"/);
  });

  it('passes function instructions through', () => {
    expect(compileInstruction((s) => `n=${String(s.n)}`, 'a')({ n: 1 })).toBe('n=1');
  });
});

describe('history window', () => {
  it('returns the same array when nothing is cut', () => {
    const history = [user('a'), assistant('b')];
    expect(historyWindow(history, 40)).toBe(history);
  });

  it('never starts between a tool_use and its tool_result', () => {
    const history = [user('a'), toolUse, toolResult, assistant('b'), user('c'), assistant('d')];
    expect(historyWindow(history, 4)).toEqual([user('c'), assistant('d')]);
    expect(historyWindow(history, 6)).toBe(history);
  });

  it('keeps the complete part of a failed run', () => {
    expect(completePrefix([user('a'), toolUse])).toEqual([user('a')]);
    expect(completePrefix([user('a'), toolUse, toolResult])).toEqual([user('a'), toolUse, toolResult]);
  });
});

describe('tool argument validation', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { plan: { enum: ['basic', 'pro'] }, items: { type: 'array', items: { type: 'number' } } },
    required: ['plan'],
  };

  it('accepts valid arguments and describes each bad field', () => {
    expect(checkToolArgs(schema, { plan: 'pro', items: [1] })).toBeUndefined();
    expect(checkToolArgs(schema, { plan: 'gold', items: [1, 'x'] })).toBe(
      'field "plan" must be one of ["basic","pro"]; field "items.1" must be number',
    );
  });

  it('passes arguments through when a schema does not compile rather than disabling the tool', () => {
    expect(checkToolArgs({ type: 'object', properties: { a: { $ref: '#/nowhere' } } }, { a: 1 })).toBeUndefined();
  });
});

describe('resolveTurn', () => {
  const response = (text: string): ModelResponse => ({
    content: [{ type: 'text', text }],
    stopReason: 'end_turn',
    usage: { inputTokens: 0, outputTokens: 0 },
    model: 'm',
  });
  const call = { type: 'tool_use' as const, id: '1', name: 't', input: {} };

  it('answers when there are no tool calls, runs again after plain results', () => {
    expect(resolveTurn(response('hi'), [])).toEqual({ type: 'final', text: 'hi' });
    expect(resolveTurn(response(''), [{ call, result: { content: 'r' }, latencyMs: 1 }])).toEqual({
      type: 'run_again',
    });
  });

  it('escalation wins over transfer and ends terminal', () => {
    const step = resolveTurn(response(''), [
      { call, result: { content: 'escalated', actions: { escalate: true } }, latencyMs: 1 },
    ]);
    expect(step).toEqual({ type: 'final', text: 'escalated', terminal: true });
  });
});

describe('stop conditions', () => {
  it('fires on the iteration limit and on an aborted signal', () => {
    const controller = new AbortController();
    const state: LoopState = {
      agentName: 'a',
      iteration: 2,
      usage: { inputTokens: 0, outputTokens: 0 },
      signal: controller.signal,
    };
    expect(firstStop([runAborted, iterationLimit(3)], state)).toBeUndefined();
    expect(firstStop([runAborted, iterationLimit(2)], state)?.code).toBe('max_iterations_exceeded');
    controller.abort();
    expect(firstStop([runAborted, iterationLimit(2)], state)?.code).toBe('cancelled');
  });
});

describe('KeyedLock', () => {
  it('forgets keys once their holders release, and a waiter that gives up keeps the chain intact', async () => {
    const lock = new KeyedLock();
    const releaseA = await lock.acquire('k');
    const controller = new AbortController();
    const gaveUp = lock.acquire('k', controller.signal);
    const third = lock.acquire('k');
    controller.abort();
    await expect(gaveUp).rejects.toThrow();
    releaseA();
    const releaseC = await third;
    expect(lock.size).toBe(1);
    releaseC();
    expect(lock.size).toBe(0);
  });
});

describe('functionTool', () => {
  it('exposes a JSON Schema from zod, parses arguments, and wraps plain values', async () => {
    const critique = functionTool({
      name: 'critique_response',
      description: 'Scores a draft',
      parameters: z.object({ draft: z.string(), strict: z.boolean().default(false) }),
      execute: async ({ draft, strict }) => ({ score: draft.length > 5 ? 8 : 3, strict }),
    });
    expect(critique.inputSchema).toMatchObject({ type: 'object', required: ['draft'] });
    expect(critique.inputSchema.$schema).toBeUndefined();
    const context = { tenantId: 't', signal: new AbortController().signal, agentName: 'a', state: {} };
    await expect(critique.execute({ draft: 'long draft' }, context)).resolves.toEqual({
      content: '{"score":8,"strict":false}',
      structured: { score: 8, strict: false },
    });
    const bad = await critique.execute({ draft: 3 }, context);
    expect(bad.isError).toBe(true);
  });
});

describe('agent configuration', () => {
  it('refuses names that cannot become tool names, and duplicate tools', () => {
    const model = new ScriptedModel([]);
    expect(() => new LlmAgent({ name: 'has space', description: 'd', instruction: 'i', model })).toThrow(
      AgentConfigError,
    );
    const sub = new LlmAgent({ name: 'billing', description: 'd', instruction: 'i', model });
    const clash = {
      name: 'transfer_to_billing',
      description: 'x',
      inputSchema: { type: 'object' },
      execute: async () => ({ content: '' }),
    };
    expect(
      () => new LlmAgent({ name: 'a', description: 'd', instruction: 'i', model, tools: [clash], subAgents: [sub] }),
    ).toThrow(/two tools named "transfer_to_billing"/);
  });
});

describe('tracing', () => {
  it('wraps agents, model calls and tool calls in spans when a tracer is installed', async () => {
    const spans: Array<{ name: string; ended: boolean; duration?: number }> = [];
    setTracer({
      startSpan(name) {
        const record: { name: string; ended: boolean; duration?: number } = { name, ended: false };
        spans.push(record);
        const span: Span = {
          setAttribute: (key, value) => {
            if (key === 'duration_ms') record.duration = Number(value);
          },
          recordError: () => {},
          end: () => {
            record.ended = true;
          },
        };
        return span;
      },
    });
    try {
      const model = new ScriptedModel(['ok']);
      const agent = new LlmAgent({ name: 'traced', description: 'd', instruction: 'i', model });
      const { runner } = newRunner();
      await runner.execute(agent, { message: 'go', tenantId: TENANT });
      expect(await withSpan('custom', {}, () => 42)).toBe(42);
    } finally {
      setTracer(undefined);
    }
    expect(spans.map((s) => s.name)).toEqual(['invoke_agent traced', 'chat scripted', 'custom']);
    expect(spans.every((s) => s.ended && (s.duration ?? -1) >= 0)).toBe(true);
  });
});
