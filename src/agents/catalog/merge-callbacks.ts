import { type AgentCallbacks, isPromiseLike } from '../runtime/index.js';

type BeforeTool = NonNullable<AgentCallbacks['beforeTool']>;

/**
 * Two sets of callbacks as one. Both run, the first first; where both answer, the second's answer
 * (the more specific callback) wins. `beforeTool` is chained instead: the second sees the arguments
 * the first rewrote (two rewrites of one call both hold), and a call the first blocked stays blocked
 * (the second does not run for a call that will not happen).
 *
 * A merged callback answers synchronously when both callbacks do, and waits only for an answer that is
 * a promise: catalog agents nest four merges, and async wrappers cost every callback call a promise and
 * two awaits per level (~4 KB of promises, reactions and jobs a tool call).
 */
export function mergeCallbacks(first: AgentCallbacks, second: AgentCallbacks | undefined): AgentCallbacks {
  if (!second) return first;
  const merged: AgentCallbacks = { ...first };
  for (const key of Object.keys(second) as Array<keyof AgentCallbacks>) {
    const a = first[key] as Callback | undefined;
    const b = second[key] as Callback | undefined;
    if (!b) continue;
    if (key === 'beforeTool' && a) {
      merged.beforeTool = chainBeforeTool(a as BeforeTool, b as BeforeTool);
      continue;
    }
    (merged as Record<string, unknown>)[key] = a
      ? (...args: unknown[]) => {
          const fromA = a(...args);
          return isPromiseLike(fromA)
            ? Promise.resolve(fromA).then((settled) => thenSecond(b, args, settled))
            : thenSecond(b, args, fromA);
        }
      : b;
  }
  return merged;
}

type Callback = (...args: unknown[]) => unknown;

/** Runs `b` after `a` answered `fromA`: b's answer, else a's. */
function thenSecond(b: Callback, args: unknown[], fromA: unknown): unknown {
  const fromB = b(...args);
  return isPromiseLike(fromB) ? Promise.resolve(fromB).then((settled) => settled ?? fromA) : (fromB ?? fromA);
}

type BeforeToolAnswer = Awaited<ReturnType<BeforeTool>>;

function chainBeforeTool(a: BeforeTool, b: BeforeTool): BeforeTool {
  return (ctx, tool, args, agent) => {
    const fromA = a(ctx, tool, args, agent);
    return isPromiseLike(fromA)
      ? Promise.resolve(fromA).then((settled) => thenChained(b, ctx, tool, args, agent, settled))
      : thenChained(b, ctx, tool, args, agent, fromA);
  };
}

/** Runs `b` on the arguments `a` left (`fromA`), unless `a` blocked the call. */
function thenChained(
  b: BeforeTool,
  ctx: Parameters<BeforeTool>[0],
  tool: Parameters<BeforeTool>[1],
  args: Parameters<BeforeTool>[2],
  agent: Parameters<BeforeTool>[3],
  fromA: BeforeToolAnswer,
): ReturnType<BeforeTool> {
  if (fromA && 'result' in fromA) return fromA;
  const fromB = b(ctx, tool, fromA?.args ?? args, agent);
  return isPromiseLike(fromB) ? Promise.resolve(fromB).then((settled) => settled ?? fromA) : (fromB ?? fromA);
}
