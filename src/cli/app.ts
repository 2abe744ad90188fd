import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  AGENT_CATEGORY_KEY,
  type AgentCatalog,
  type AgentTemplate,
  buildCatalog,
  buildExecutionResult,
  type ExecutionResult,
  KNOWLEDGE_SCOPE_KEY,
  offlinePolicyFor,
  ROUTE_HINT_KEY,
  type RunOutcome,
  TEMPLATES,
} from '../agents/catalog/index.js';
import type { AgentEvent } from '../agents/events.js';
import type { Model } from '../agents/model/index.js';
import { createModel } from '../agents/models/index.js';
import { type RouteDecision, SemanticRouter } from '../agents/router/index.js';
import { type BaseAgent, LlmAgent, Runner, type RunRequest, setTracer } from '../agents/runtime/index.js';
import { type SessionStore, SqliteSessionStore } from '../agents/sessions/index.js';
import type { Tool } from '../agents/tool.js';
import type { AgentApplication, AgentInfo, StreamItem } from '../bridge/application.js';
import { createHost, type HostConfig, type McpHost } from '../host/index.js';
import { builtinServerFactories, openServerDeps, type ServerDeps } from '../servers/registry.js';
import { isStoreEmpty, seedDemoData } from '../servers/seed/index.js';
import { type Env, InvalidInputError, loadEnv, logger, NotFoundError } from '../shared/index.js';
import { startTelemetry } from '../shared/telemetry/index.js';
import { agentInfos } from './app/agent-infos.js';
import { builtinHostConfig, defaultModelFor, hostConfig } from './app/config-sources.js';
import { outcomeOf, specialistOf } from './app/run-outcome.js';
import { samplingWith } from './app/sampling.js';

/** One inbound message for `app.execute` / `app.stream` (validated: it comes from bridges and the CLI). */
export const AppRequestSchema = z.object({
  /** A template id, a workflow id, `coordinator`, or `auto` (route by the message). */
  agent: z.string().trim().min(1).max(100).default('auto'),
  message: z.string().trim().min(1, 'message must not be empty').max(20_000),
  tenantId: z.string().trim().min(1).max(200),
  contactId: z.string().trim().min(1).max(200).optional(),
  sessionId: z.string().trim().min(1).max(200).optional(),
  channelId: z.string().max(200).optional(),
  context: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
});
export type AppRequest = z.input<typeof AppRequestSchema> & { signal?: AbortSignal };

export interface CreateAppOptions {
  /** The environment (raw `process.env` or a `loadEnv()` result); default `process.env`. */
  env?: NodeJS.ProcessEnv | Env;
  /** The MCP config; default `VENTROS_MCP_CONFIG` (`./mcp.config.json`), or all builtins when absent. */
  configPath?: string;
  /** An already parsed MCP config (wins over `configPath`). */
  hostConfig?: HostConfig;
  /** The default model; default `createModel(VENTROS_MODEL)`. Tests pass the mock LLM's models here. */
  model?: Model;
  /** Resolves a template's own model spec; default: createModel, falling back to the default model. */
  modelFor?: (spec: string) => Model | undefined;
  /** Overrides VENTROS_DATA_DIR (crm.db and sessions.db live here). */
  dataDir?: string;
  /** Seed the demo tenants when the CRM store is empty (not when the tools proxy to the Go CRM). */
  seedIfEmpty?: boolean;
  /** Default: SQLite at `${dataDir}/sessions.db`. */
  sessions?: SessionStore;
  /** Default run deadline (30 000 ms). */
  defaultTimeoutMs?: number;
  templates?: readonly AgentTemplate[];
}

/** The running application: what the CLI and every bridge call. */
export interface App extends AgentApplication {
  execute(request: AppRequest): Promise<ExecutionResult>;
  stream(request: AppRequest): AsyncIterable<StreamItem>;
  agents(): AgentInfo[];
  templates(): AgentTemplate[];
  readonly catalog: AgentCatalog;
  readonly router: SemanticRouter;
  readonly host: McpHost;
  readonly model: Model;
  readonly deps: ServerDeps;
  /** Closes host connections, children and stores; idempotent. */
  close(): Promise<void>;
}

/**
 * The composition root: env → CRM store and tool servers → MCP host → model → catalog → router →
 * runner with SQLite sessions. Everything is injectable through the options, so tests run the real
 * stack with the mock LLM's models.
 *
 * @example
 * const app = await createApp({ env: { VENTROS_MODEL: 'offline' }, dataDir: tmp, seedIfEmpty: true });
 * const result = await app.execute({ agent: 'auto', message: 'Quero cancelar', tenantId: 'tenant-demo' });
 * await app.close();
 */
export async function createApp(options: CreateAppOptions = {}): Promise<App> {
  // A `loadEnv()` result is already parsed (its ports are numbers); raw variables are parsed here.
  const given = options.env ?? process.env;
  const env = typeof given.PORT === 'number' ? (given as Env) : loadEnv({ ...given } as NodeJS.ProcessEnv);
  const dataDir = resolve(options.dataDir ?? env.VENTROS_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const appEnv: Env = { ...env, VENTROS_DATA_DIR: dataDir };
  const log = logger.child({ component: 'app' });
  const cleanups: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log.warn({ err: error }, 'error while closing');
      }
    }
  };

  try {
    // OTLP trace export when OTEL_EXPORTER_OTLP_ENDPOINT is set; cleanups run in reverse, so it flushes
    // last. A parsed Env dropped the OTEL_* variables it does not know, so read them from process.env then.
    const telemetry = startTelemetry(typeof given.PORT === 'number' ? process.env : given);
    if (telemetry) {
      setTracer(telemetry.tracer);
      cleanups.push(async () => {
        setTracer(undefined);
        await telemetry.shutdown();
      });
      log.info({ url: telemetry.url }, 'exporting traces over OTLP/HTTP');
    }
    const deps = await openServerDeps(appEnv);
    cleanups.push(async () => {
      await deps[Symbol.asyncDispose]();
    });
    // With the Go CRM behind the tools (MCP_SERVER_HOST) the local store is not the source of truth.
    if (options.seedIfEmpty && !env.MCP_SERVER_HOST && isStoreEmpty(deps.store)) await seedDemoData(deps.store);

    const model = options.model ?? createModel(undefined, appEnv);
    const builtins = builtinServerFactories(deps);
    const host = await createHost({
      config: options.hostConfig ?? (await hostConfig(options.configPath, env.VENTROS_MCP_CONFIG)),
      builtins,
      sampling: samplingWith(model),
    });
    cleanups.push(() => host.close());

    const router = await SemanticRouter.create({ embedder: deps.embedder, templates: options.templates ?? TEMPLATES });
    const modelFor = options.modelFor ?? defaultModelFor(model, appEnv);
    const catalog = buildCatalog({
      model,
      tools: (names) => host.tools(names) as Tool[],
      templates: options.templates ?? TEMPLATES,
      offlinePolicy: offlinePolicyFor,
      modelFor,
      route: (text) => router.route(text),
    });
    const sessions = options.sessions ?? new SqliteSessionStore({ path: join(dataDir, 'sessions.db') });
    cleanups.push(() => sessions.close?.());
    const runner = new Runner({ sessions, defaultTimeoutMs: options.defaultTimeoutMs ?? 30_000 });

    return assembleApp({ deps, host, model, router, catalog, runner, sessions, close: closeAll });
  } catch (error) {
    await closeAll();
    throw error;
  }
}

interface Parts {
  deps: ServerDeps;
  host: McpHost;
  model: Model;
  router: SemanticRouter;
  catalog: AgentCatalog;
  runner: Runner;
  sessions: SessionStore;
  close: () => Promise<void>;
}

function assembleApp(parts: Parts): App {
  const { catalog, router, runner, model, deps } = parts;
  let closing: Promise<void> | undefined;

  /** Picks the agent: the named one, or for `auto` the routed specialist (or the coordinator when unsure). */
  async function plan(request: AppRequest) {
    const parsed = AppRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new InvalidInputError(
        `invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    const valid = parsed.data;
    let route: RouteDecision | undefined;
    let agent: BaseAgent;
    if (valid.agent === 'auto') {
      route = await router.route(valid.message);
      // A confident route goes straight to the specialist: same answer as through the coordinator,
      // one model call less. When the router is unsure, the coordinator's judgement is worth the call.
      agent = route.fallback ? catalog.coordinator : catalog.get(route.templateId);
    } else if (catalog.has(valid.agent)) {
      agent = catalog.get(valid.agent);
      // The coordinator decides by itself; the router's pick is a hint (its offline policy follows it).
      if (agent === catalog.coordinator) route = await router.route(valid.message);
    } else {
      throw new NotFoundError(`unknown agent "${valid.agent}"; known agents: auto, ${catalog.ids().join(', ')}`, {
        agent: valid.agent,
      });
    }
    // Concrete ids up front, so a streamed run's result can name its session like `execute` does.
    const sessionId = valid.sessionId ?? randomUUID();
    let contactId = valid.contactId;
    if (!contactId && valid.sessionId) {
      contactId = (await parts.sessions.load({ tenantId: valid.tenantId, contactId: '', sessionId }))?.contactId;
    }
    contactId ??= `anonymous-${randomUUID()}`;
    // A scope left by a run that ended mid-delegation must not leak into this one.
    const stateDelta: Record<string, unknown> = {
      [KNOWLEDGE_SCOPE_KEY]: undefined,
      [AGENT_CATEGORY_KEY]: undefined,
      contact_id: contactId,
    };
    const contact = deps.store.contacts.get(valid.tenantId, contactId);
    if (contact) stateDelta['contact_name'] = contact.name;
    if (valid.channelId) stateDelta['channel_id'] = valid.channelId;
    if (valid.context) stateDelta['request_context'] = valid.context;
    if (route) stateDelta[ROUTE_HINT_KEY] = route.templateId;
    const runRequest: RunRequest = {
      message: valid.message,
      tenantId: valid.tenantId,
      contactId,
      sessionId,
      ...(valid.timeoutMs ? { timeoutMs: valid.timeoutMs } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      stateDelta,
    };
    return { agent, route, runRequest };
  }

  /** The model that served an agent (a template may have its own). */
  function modelOf(agentName: string): string {
    const agent = catalog.has(agentName) ? catalog.get(agentName) : undefined;
    return agent instanceof LlmAgent ? agent.model.id : model.id;
  }

  function resultOf(outcome: RunOutcome, agent: BaseAgent, route: RouteDecision | undefined): ExecutionResult {
    const run = { ...outcome, agentUsed: specialistOf(outcome, agent, catalog) };
    const answeredBy = catalog.template(run.agentUsed);
    return buildExecutionResult({
      run,
      ...(answeredBy ? { answeredBy } : {}),
      ...(route ? { route } : {}),
      entryAgent: agent.name,
      model: modelOf(run.agentUsed),
    });
  }

  return {
    catalog,
    router,
    host: parts.host,
    model,
    deps,
    async execute(request) {
      const { agent, route, runRequest } = await plan(request);
      return resultOf(await runner.execute(agent, runRequest), agent, route);
    },
    async *stream(request) {
      const { agent, route, runRequest } = await plan(request);
      const started = performance.now();
      const events: AgentEvent[] = [];
      for await (const event of runner.run(agent, runRequest)) {
        events.push(event);
        yield event;
      }
      const last = events.at(-1);
      // An error event is the stream's end; only an answered run has an execution result.
      if (last?.type !== 'final') return;
      const run = outcomeOf(events, last, agent, runRequest, performance.now() - started);
      yield { type: 'result', result: resultOf(run, agent, route) };
    },
    agents() {
      return agentInfos(catalog);
    },
    templates: () => [...catalog.templates],
    close() {
      closing ??= parts.close();
      return closing;
    },
  };
}

export { agentInfos, builtinHostConfig };
