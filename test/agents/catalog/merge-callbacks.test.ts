import { describe, expect, it } from 'vitest';
import { mergeCallbacks } from '../../../src/agents/catalog/merge-callbacks.js';
import type { AgentCallbacks, InvocationContext } from '../../../src/agents/runtime/index.js';
import type { Tool } from '../../../src/agents/tool.js';

const ctx = {} as InvocationContext;
const agent = {} as Parameters<NonNullable<AgentCallbacks['beforeTool']>>[3];
const tool = { name: 'compare_agents' } as Tool;
const runBeforeTool = (callbacks: AgentCallbacks, args: Record<string, unknown>) =>
  callbacks.beforeTool?.(ctx, tool, args, agent);

describe('mergeCallbacks', () => {
  it('chains beforeTool: the second sees the first’s arguments, and both rewrites hold', async () => {
    const language: AgentCallbacks = { beforeTool: (_c, _t, args) => ({ args: { ...args, language: 'es' } }) };
    const period: AgentCallbacks = { beforeTool: (_c, _t, args) => ({ args: { ...args, period: 'this_month' } }) };
    expect(await runBeforeTool(mergeCallbacks(language, period), { agent_a: 'João' })).toEqual({
      args: { agent_a: 'João', language: 'es', period: 'this_month' },
    });
    // A second that leaves the call alone keeps the first's rewrite.
    expect(await runBeforeTool(mergeCallbacks(language, { beforeTool: () => undefined }), {})).toEqual({
      args: { language: 'es' },
    });
  });

  it('keeps a call the first blocked blocked, without running the second; the second may block a rewritten call', async () => {
    const seen: string[] = [];
    const block: AgentCallbacks = {
      beforeTool: () => ({ result: { content: 'blocked', isError: true } }),
    };
    const rewrite: AgentCallbacks = {
      beforeTool: (_c, _t, args) => {
        seen.push('rewrite');
        return { args: { ...args, x: 1 } };
      },
    };
    expect(await runBeforeTool(mergeCallbacks(block, rewrite), {})).toEqual({
      result: { content: 'blocked', isError: true },
    });
    expect(seen).toEqual([]);
    expect(await runBeforeTool(mergeCallbacks(rewrite, block), {})).toEqual({
      result: { content: 'blocked', isError: true },
    });
  });

  it('runs both of any other callback, the second’s answer winning', async () => {
    const order: string[] = [];
    const merged = mergeCallbacks(
      {
        afterAgent: () => {
          order.push('a');
          return { text: 'first' };
        },
      },
      {
        afterAgent: () => {
          order.push('b');
          return undefined;
        },
      },
    );
    expect(await merged.afterAgent?.(ctx, {} as never, agent)).toEqual({ text: 'first' });
    expect(order).toEqual(['a', 'b']);
    expect(mergeCallbacks({}, undefined)).toEqual({});
  });

  it('answers at once when both callbacks do, and waits for one that answers with a promise', async () => {
    const sync: AgentCallbacks = { beforeTool: (_c, _t, args) => ({ args: { ...args, a: 1 } }) };
    const later: AgentCallbacks = { beforeTool: async (_c, _t, args) => ({ args: { ...args, b: 2 } }) };
    const both = runBeforeTool(mergeCallbacks(sync, sync), {});
    expect(both).toEqual({ args: { a: 1 } });
    const first = runBeforeTool(mergeCallbacks(later, sync), {});
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ args: { b: 2, a: 1 } });
    expect(await runBeforeTool(mergeCallbacks(sync, later), {})).toEqual({ args: { a: 1, b: 2 } });
    const order: string[] = [];
    const merged = mergeCallbacks(
      {
        afterAgent: async () => {
          order.push('a');
          return { text: 'first' };
        },
      },
      {
        afterAgent: () => {
          order.push('b');
          return undefined;
        },
      },
    );
    expect(await merged.afterAgent?.(ctx, {} as never, agent)).toEqual({ text: 'first' });
    expect(order).toEqual(['a', 'b']);
    const failing = mergeCallbacks(
      { afterAgent: async () => Promise.reject(new Error('no')) },
      {
        afterAgent: () => {
          order.push('never');
          return undefined;
        },
      },
    );
    await expect(Promise.resolve(failing.afterAgent?.(ctx, {} as never, agent))).rejects.toThrow('no');
    expect(order).toEqual(['a', 'b']);
  });
});
