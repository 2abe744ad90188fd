import type { AgentCallbacks } from '../runtime/index.js';

type BeforeTool = NonNullable<AgentCallbacks['beforeTool']>;

/**
 * Two sets of callbacks as one. Both run, the first first; where both answer, the second's answer
 * (the more specific callback) wins. `beforeTool` is chained instead: the second sees the arguments
 * the first rewrote (two rewrites of one call both hold), and a call the first blocked stays blocked
 * (the second does not run for a call that will not happen).
 */
export function mergeCallbacks(first: AgentCallbacks, second: AgentCallbacks | undefined): AgentCallbacks {
  if (!second) return first;
  const merged: AgentCallbacks = { ...first };
  for (const key of Object.keys(second) as Array<keyof AgentCallbacks>) {
    const a = first[key] as ((...args: unknown[]) => unknown) | undefined;
    const b = second[key] as ((...args: unknown[]) => unknown) | undefined;
    if (!b) continue;
    if (key === 'beforeTool' && a) {
      merged.beforeTool = chainBeforeTool(a as BeforeTool, b as BeforeTool);
      continue;
    }
    (merged as Record<string, unknown>)[key] = a
      ? async (...args: unknown[]) => {
          const fromA = await a(...args);
          const fromB = await b(...args);
          return fromB ?? fromA;
        }
      : b;
  }
  return merged;
}

function chainBeforeTool(a: BeforeTool, b: BeforeTool): BeforeTool {
  return async (ctx, tool, args, agent) => {
    const fromA = await a(ctx, tool, args, agent);
    if (fromA && 'result' in fromA) return fromA;
    const fromB = await b(ctx, tool, fromA?.args ?? args, agent);
    return fromB ?? fromA;
  };
}
