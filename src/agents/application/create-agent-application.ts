import { type Audience, isLanguage, type Language, startTogether } from '../../shared/index.js';
import { type AgentCatalog, routeOutcomeOf } from '../catalog/index.js';
import { CUSTOMER_LANGUAGE_KEY } from '../catalog/session-keys.js';
import { AgentError } from '../errors.js';
import { type BaseAgent, LlmAgent, type Runner, type RunResult } from '../runtime/index.js';
import type { ApprovalStore, SessionStore } from '../sessions/index.js';
import type { AgentApplication, StreamItem } from './agent-application.js';
import { agentInfos } from './agent-infos.js';
import { answeringAgent } from './answering-agent.js';
import { createApprovalService } from './approval-service.js';
import { approvalRequestOf } from './approval-view.js';
import type { ContactDirectory } from './contact-directory.js';
import { type AgentDefinitions, CustomAgents } from './custom-agents.js';
import type { TenantDirectory } from './customer-locale.js';
import { type ApprovalRequest, buildExecutionResult, type ExecutionResult } from './execution-result.js';
import { factsOf, guardEvents, guardResult, runIds } from './guard-customer-run.js';
import { LatencyStats } from './latency-stats.js';
import { planRun, type RunPlan } from './plan-run.js';

export interface AgentApplicationDeps {
  catalog: AgentCatalog;
  runner: Runner;
  sessions: SessionStore;
  contacts: ContactDirectory;
  /** The CRM's agent registry, for requests naming an `agentId` (absent: such requests are refused). */
  definitions?: AgentDefinitions;
  /** Tenants' time zone, currency and locale; default: São Paulo, BRL, pt-BR for all. */
  tenants?: TenantDirectory;
  /** The id of the process's default model (`offline`, `anthropic:claude-…`), for agents without their own. */
  defaultModelId: string;
  /** Where paused runs wait for a person (runs that pause need it; see the Runner's `gate`). */
  approvals?: { store: ApprovalStore; ttlMs?: number };
}

/**
 * The application: validate once → resolve the caller → pick the agent (`auto` routes) → run → build
 * the execution result — one builder for `execute` and `stream`. A customer run's answer goes through
 * the answer guard (no raw tool error, stack or internal id reaches the customer).
 *
 * @example
 * const app = createAgentApplication({ catalog, runner, sessions, contacts, defaultModelId: 'offline' });
 * const result = await app.execute({ agent: 'auto', message: 'Quero cancelar', tenantId: 'tenant-demo' });
 */
export function createAgentApplication(deps: AgentApplicationDeps): AgentApplication {
  const { catalog, runner } = deps;
  const planDeps = {
    ...deps,
    customAgents: new CustomAgents(catalog, deps.definitions),
    // The plan's session load is the run's: loaded once per message.
    preloadSession: (key: { tenantId: string; sessionId: string }) => runner.preloadSession(key),
  };
  const infos = agentInfos(catalog);
  const latency = new LatencyStats();

  /** The model that served an agent (a template may have its own). */
  const modelOf = (agentName: string): string => {
    const agent = catalog.has(agentName) ? catalog.get(agentName) : undefined;
    return agent instanceof LlmAgent ? agent.model.id : deps.defaultModelId;
  };

  const builtResultOf = (run: RunResult, entry: BaseAgent, approval?: ApprovalRequest): ExecutionResult => {
    const agentUsed = answeringAgent(run, catalog);
    const answeredBy = catalog.template(agentUsed);
    const route = routeOutcomeOf(run.state);
    // Counted for the agent that answered and for the one asked (`auto`, a workflow), as callers name them.
    latency.record(agentUsed, run.latencyMs);
    if (entry.name !== agentUsed) latency.record(entry.name, run.latencyMs);
    return buildExecutionResult({
      run: { ...run, agentUsed },
      ...(answeredBy ? { answeredBy } : {}),
      ...(route ? { route } : {}),
      entryAgent: entry.name,
      model: modelOf(agentUsed),
      ...(approval ? { approval } : {}),
    });
  };

  const guarded = (result: ExecutionResult, audience: Audience | undefined, language?: Language): ExecutionResult =>
    audience === 'customer' ? guardResult(result, factsOf(result, language)) : result;

  const approvals = deps.approvals
    ? createApprovalService({
        store: deps.approvals.store,
        runner,
        catalog,
        ...(deps.approvals.ttlMs !== undefined ? { ttlMs: deps.approvals.ttlMs } : {}),
        resultOf: (run, entry, audience) => {
          const language = run.state[CUSTOMER_LANGUAGE_KEY];
          return guarded(builtResultOf(run, entry), audience, isLanguage(language) ? language : undefined);
        },
      })
    : undefined;

  /** The result of a run; a paused run's approval is recorded first (it must survive a restart). */
  const finish = async (run: RunResult, plan: RunPlan): Promise<ExecutionResult> => {
    if (!run.paused) return builtResultOf(run, plan.agent);
    if (!approvals) throw new AgentError('internal', 'a run paused for approval but no approval store is configured');
    const record = await approvals.recordPause(run, {
      entryAgent: plan.agent.name,
      ...(plan.origin ? { origin: plan.origin } : {}),
    });
    return builtResultOf(run, plan.agent, approvalRequestOf(record));
  };

  return {
    // Every run waits for the turn's end first, so the runs that arrived in one turn (HTTP requests,
    // each its own I/O callback) go on in step: see startTogether.
    async execute(request) {
      await startTogether();
      const plan = await planRun(request, planDeps);
      const result = await finish(await runner.execute(plan.agent, plan.request), plan);
      return guarded(result, plan.request.audience, languageOf(plan));
    },
    async *stream(request): AsyncGenerator<StreamItem> {
      await startTogether();
      const plan = await planRun(request, planDeps);
      const items = streamPlan(plan);
      if (plan.request.audience !== 'customer') return yield* items;
      yield* guardEvents(items, runIds(plan.request.contactId, plan.request.sessionId), languageOf(plan));
    },
    ...(approvals ? { approvals } : {}),
    agents: () => infos.map((info) => ({ ...info, avg_latency_ms: latency.averageMs(info.type) })),
    templates: () => [...catalog.templates],
  };

  /** The customer's language the plan detected (what the graceful answer is said in). */
  function languageOf(plan: RunPlan): Language | undefined {
    const language = plan.request.stateDelta?.[CUSTOMER_LANGUAGE_KEY];
    return isLanguage(language) ? language : undefined;
  }

  async function* streamPlan(plan: RunPlan): AsyncGenerator<StreamItem> {
    const run = runner.run(plan.agent, plan.request);
    for (;;) {
      const step = await run.next();
      if (step.done) {
        // A failed run ended with its error event; only an answered run has a result.
        if (step.value) yield { type: 'result', result: await finish(step.value, plan) };
        return;
      }
      yield step.value;
    }
  }
}
