import { errorMessage } from '../../shared/index.js';
import { type AgentRequest, bareToolName, type ExecutionResult } from '../application/index.js';
import type { Model } from '../model/index.js';
import type { EvalCase } from './eval-case.js';
import type { EvalTarget } from './eval-target.js';
import type { CheckResult, ScoreContext, Scorer, TenantPeople, TurnRecord } from './scorers/index.js';
import { simulateUser } from './simulate-user.js';

/** How one case ran and what its checks said. */
export interface CaseRun {
  turns: TurnRecord[];
  checks: CheckResult[];
  /** A model played the customer. */
  simulated: boolean;
  /** How a simulated conversation ended (`goal_met`, `gave_up`, `max_turns`). */
  ending?: string;
  /** A tool outside the target's read-only ones was called: the store may have changed. */
  wrote: boolean;
  durationMs: number;
}

export interface RunCaseOptions {
  scorers: readonly Scorer[];
  people: TenantPeople;
  /** Plays the customer in cases with a persona and a goal; without it they use their scripted turns. */
  simulator?: Model;
  /** Deadline of each turn (the application's default otherwise). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Tool and agent names of the application, for the "no internal ids" check and write detection. */
export function namesOf(app: EvalTarget['app']): { internal: Set<string>; agents: Set<string> } {
  const internal = new Set<string>();
  const agents = new Set<string>();
  for (const info of app.agents()) {
    agents.add(info.type);
    internal.add(info.type);
    for (const tool of info.tools) internal.add(tool.replace(/^agent:/, ''));
  }
  return { internal, agents };
}

async function runTurn(
  target: EvalTarget,
  evalCase: EvalCase,
  message: string,
  sessionId: string | undefined,
  options: RunCaseOptions,
): Promise<TurnRecord> {
  const request: AgentRequest = {
    agent: evalCase.agent,
    message,
    tenantId: evalCase.tenant,
    audience: evalCase.audience,
    channelId: evalCase.channel,
    ...(evalCase.contact ? { contactId: evalCase.contact } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  try {
    return { message, result: withPendingCall(await target.app.execute(request)) };
  } catch (error) {
    return { message, error: errorMessage(error) };
  }
}

/**
 * Runs one case on a target — its scripted turns on one fresh session, or, with a simulator and a
 * persona/goal, a conversation a model drives for up to `max_turns` — then scores it. A failing turn
 * ends the conversation and adds a failed `run` check.
 */
export async function runCase(evalCase: EvalCase, target: EvalTarget, options: RunCaseOptions): Promise<CaseRun> {
  const started = performance.now();
  const turns: TurnRecord[] = [];
  const simulated = Boolean(options.simulator && evalCase.persona && evalCase.goal);
  let ending: string | undefined;
  let sessionId: string | undefined;
  const scripted = evalCase.turns.map((t) => t.message);
  let next: string | undefined = scripted[0];
  while (next !== undefined) {
    const turn = await runTurn(target, evalCase, next, sessionId, options);
    turns.push(turn);
    if (!turn.result) break;
    sessionId ??= turn.result.metadata['session_id'];
    next = undefined;
    if (!simulated) {
      next = scripted[turns.length];
    } else if (turns.length >= evalCase.max_turns) {
      ending = 'max_turns';
    } else {
      const move = await simulateUser(options.simulator as Model, {
        persona: evalCase.persona as string,
        goal: evalCase.goal as string,
        transcript: turns.map((t) => ({ customer: t.message, agent: t.result?.response ?? '' })),
        ...(options.signal ? { signal: options.signal } : {}),
      }).catch((error: unknown) => ({ done: `simulator failed: ${errorMessage(error)}` }) as const);
      if ('message' in move) next = move.message;
      else ending = move.done;
    }
  }
  const names = namesOf(target.app);
  const ctx: ScoreContext = {
    evalCase,
    turns,
    people: options.people,
    internalNames: names.internal,
    agentNames: names.agents,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const checks: CheckResult[] = [];
  const failed = turns.find((t) => t.error !== undefined);
  if (failed)
    checks.push({ kind: 'run', passed: false, detail: `turn ${turns.indexOf(failed) + 1} failed: ${failed.error}` });
  for (const scorer of options.scorers) checks.push(...(await scorer(ctx)));
  const wrote = turns.some((t) =>
    (t.result?.tool_calls ?? []).some((c) => !target.readOnlyTools.has(c.tool_name) && !names.agents.has(c.tool_name)),
  );
  return {
    turns,
    checks,
    simulated,
    ...(ending ? { ending } : {}),
    wrote: wrote || failed !== undefined,
    durationMs: performance.now() - started,
  };
}

/**
 * A run that paused for a person made the gated call, which waits: it is counted in the trajectory (an
 * escalation of severity 9 that waits for the supervisor's approval did reach the supervisor), with an
 * output that says so.
 */
function withPendingCall(result: ExecutionResult): ExecutionResult {
  if (result.status !== 'awaiting_approval' || !result.approval) return result;
  const { id, tool, arguments: input, reason } = result.approval;
  const pending = {
    tool_name: bareToolName(tool),
    input,
    output: JSON.stringify({ awaiting_approval: true, approval_id: id, reason }),
    latency_ms: 0,
    is_error: false,
    agent: result.approval.agent,
  };
  return { ...result, tool_calls: [...result.tool_calls, pending] };
}
