import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AgentEvent, ToolProgressEvent } from '../../../src/agents/events.js';
import { functionTool, LlmAgent } from '../../../src/agents/runtime/index.js';
import { throttleProgress } from '../../../src/agents/runtime/progress-throttle.js';
import type { Tool, ToolContext, ToolProgress } from '../../../src/agents/tool.js';
import { createHost, type McpHost, parseHostConfig } from '../../../src/host/index.js';
import { fixtureStdioEntry } from '../../host/helpers.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { newRunner, TENANT, tool } from './helpers.js';

const progressOf = (events: readonly AgentEvent[]) =>
  events.filter((e): e is ToolProgressEvent => e.type === 'tool_progress');

/** `tool_call:x`, `tool_progress:x:3`, `tool_result:x` — the tool part of a run, in order. */
const toolTrace = (events: readonly AgentEvent[]) =>
  events.flatMap((e) => {
    if (e.type === 'tool_call' || e.type === 'tool_result') return [`${e.type}:${e.tool}`];
    if (e.type === 'tool_progress') return [`${e.type}:${e.tool}:${e.progress}`];
    return [];
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('throttleProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first report at once, then at most one per interval, always the newest', () => {
    vi.useFakeTimers();
    const sent: ToolProgress[] = [];
    const throttle = throttleProgress((p) => sent.push(p), { intervalMs: 100, now: () => Date.now() });

    throttle.report({ progress: 1 });
    throttle.report({ progress: 2 });
    throttle.report({ progress: 3, total: 10, message: 'three' });
    expect(sent).toEqual([{ progress: 1 }]);

    vi.advanceTimersByTime(100);
    expect(sent).toEqual([{ progress: 1 }, { progress: 3, total: 10, message: 'three' }]);

    // Nothing held back: nothing more to send when the window ends.
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);

    // After a quiet window, a report goes out at once again.
    throttle.report({ progress: 4 });
    expect(sent.at(-1)).toEqual({ progress: 4 });
  });

  it('flushes the report held back on close and ignores reports after it', () => {
    vi.useFakeTimers();
    const sent: ToolProgress[] = [];
    const throttle = throttleProgress((p) => sent.push(p), { now: () => Date.now() });
    throttle.report({ progress: 1 });
    throttle.report({ progress: 2 });
    throttle.close();
    expect(sent.map((p) => p.progress)).toEqual([1, 2]);

    throttle.report({ progress: 3 });
    vi.advanceTimersByTime(1000);
    expect(sent.map((p) => p.progress)).toEqual([1, 2]);
  });

  it('drops reports without a finite progress and unknown fields of a report', () => {
    const sent: ToolProgress[] = [];
    const throttle = throttleProgress((p) => sent.push(p));
    throttle.report({ progress: Number.NaN });
    throttle.report({ progress: 5, total: Number.POSITIVE_INFINITY, extra: 'x' } as ToolProgress);
    throttle.close();
    expect(sent).toEqual([{ progress: 5 }]);
  });
});

describe('tool progress in the event stream', () => {
  it('reports a function tool’s progress between its call and its result, the last value always included', async () => {
    const migrate = functionTool({
      name: 'migrate',
      description: 'Migrates the contacts.',
      parameters: z.object({}),
      async execute(_args, context) {
        context.onProgress?.({ progress: 1, total: 3, message: 'copying' });
        context.onProgress?.({ progress: 2, total: 3 });
        // Past the 100 ms window: the held-back 2 goes out on its own.
        await sleep(150);
        context.onProgress?.({ progress: 3, total: 3, message: 'checking' });
        return 'migrated';
      },
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'migrate', id: 'call-m' }] }, 'Done.']);
    const agent = new LlmAgent({ name: 'ops', description: 'o', instruction: 'x', model, tools: [migrate] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'migrate', tenantId: TENANT });

    expect(result.text).toBe('Done.');
    expect(toolTrace(result.events)).toEqual([
      'tool_call:migrate',
      'tool_progress:migrate:1',
      'tool_progress:migrate:2',
      'tool_progress:migrate:3',
      'tool_result:migrate',
    ]);
    const progress = progressOf(result.events);
    expect(progress[0]).toMatchObject({ agent: 'ops', callId: 'call-m', total: 3, message: 'copying' });
    expect(progress[1]).not.toHaveProperty('message');
    expect(progress[2]).toMatchObject({ callId: 'call-m', progress: 3, total: 3, message: 'checking' });
    // Progress is for watchers, not for the model: its next request holds the result only.
    expect(JSON.stringify(model.requests[1]?.messages)).not.toContain('copying');
  });

  it('collapses a burst to its first and last report', async () => {
    const burst = tool('burst', (_args, context) => {
      for (let i = 1; i <= 50; i++) context.onProgress?.({ progress: i, total: 50 });
      return { content: 'ok' };
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'burst' }] }, 'ok']);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [burst] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });

    expect(progressOf(result.events).map((e) => e.progress)).toEqual([1, 50]);
  });

  it('keeps each call’s progress with its own call id when calls run concurrently', async () => {
    const step = (name: string): Tool =>
      tool(name, (_args, context) => {
        context.onProgress?.({ progress: 1, message: name });
        return { content: name };
      });
    const model = new ScriptedModel([
      {
        toolCalls: [
          { name: 'a', id: 'c-a' },
          { name: 'b', id: 'c-b' },
        ],
      },
      'ok',
    ]);
    const agent = new LlmAgent({ name: 'x', description: 'x', instruction: 'x', model, tools: [step('a'), step('b')] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });

    const progress = progressOf(result.events).map((e) => `${e.callId}:${e.message}`);
    expect(progress.sort()).toEqual(['c-a:a', 'c-b:b']);
  });

  it('ignores progress a tool reports after its call ended', async () => {
    let saved: ToolContext['onProgress'];
    const leaky = tool('leaky', (_args, context) => {
      saved = context.onProgress;
      return { content: 'ok' };
    });
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'leaky' }] },
      () => {
        saved?.({ progress: 99 });
        return 'ok';
      },
    ]);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'x', model, tools: [leaky] });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'go', tenantId: TENANT });

    expect(saved).toBeTypeOf('function');
    expect(progressOf(result.events)).toEqual([]);
  });
});

describe('tool progress of a real MCP tool (host over stdio)', () => {
  let host: McpHost;

  beforeAll(async () => {
    host = await createHost({
      config: parseHostConfig({ mcpServers: { fx: fixtureStdioEntry('progress', { timeout_ms: 5000 }) } }, 'test'),
      mode: 'strict',
    });
  }, 30_000);
  afterAll(async () => {
    await host?.close();
  });

  it('turns the server’s progress notifications into tool_progress events of the call', async () => {
    const tools = host.tools(['fx__progress']);
    expect(tools.map((t) => t.name)).toEqual(['fx__progress']);
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'fx__progress', args: { steps: 4 }, id: 'call-fx' }] },
      'All steps done.',
    ]);
    const agent = new LlmAgent({ name: 'ops', description: 'o', instruction: 'x', model, tools });
    const { runner } = newRunner();

    const result = await runner.execute(agent, { message: 'run it', tenantId: TENANT });

    expect(result.text).toBe('All steps done.');
    const trace = toolTrace(result.events);
    expect(trace[0]).toBe('tool_call:fx__progress');
    expect(trace.at(-1)).toBe('tool_result:fx__progress');
    const progress = progressOf(result.events);
    // The server sends 1..4 a few ms apart: the first at once, the last always; in between depends on timing.
    expect(progress[0]).toMatchObject({ callId: 'call-fx', tool: 'fx__progress', progress: 1, total: 4 });
    expect(progress.at(-1)).toMatchObject({ progress: 4, total: 4, message: 'step 4' });
    const values = progress.map((e) => e.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(trace.slice(1, -1).every((t) => t.startsWith('tool_progress:fx__progress:'))).toBe(true);
    expect(result.events.find((e) => e.type === 'tool_result')).toMatchObject({ content: 'done in 4 steps' });
  });
});
