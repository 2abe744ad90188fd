import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AgentApplication, createAgentApplication, DEFAULT_RUN_TIMEOUT_MS } from '../agents/application/index.js';
import { SessionEndTracker, trackConversations } from '../agents/application/session-end/index.js';
import { createSeedGate, parseApprovalRules } from '../agents/approvals/index.js';
import {
  type AgentCatalog,
  type AgentTemplate,
  buildCatalog,
  READ_RESOURCE_TOOL,
  TEMPLATES,
} from '../agents/catalog/index.js';
import type { Model } from '../agents/model/index.js';
import { createModel } from '../agents/providers/index.js';
import { type SemanticRouter, withLlmTieBreaker } from '../agents/router/index.js';
import { combineObservers, Runner, type RunObserver, setTracer } from '../agents/runtime/index.js';
import {
  type ApprovalStore,
  openApprovalStore,
  openSessionStore,
  type SessionStore,
} from '../agents/sessions/index.js';
import type { Tool } from '../agents/tool.js';
import { loadTenantLimits, UsageLedger } from '../agents/usage/index.js';
import { createHost, type HostConfig, type McpHost } from '../host/index.js';
import { oauthDirOf } from '../host/oauth/oauth-dir.js';
import { agentRegistryOf } from '../servers/agent-registry.js';
import { contactLookupOf } from '../servers/contact-directory.js';
import { builtinServerFactories, openServerDeps, type ServerDeps } from '../servers/registry.js';
import { isStoreEmpty, seedDemoData } from '../servers/seed/index.js';
import { tenantSettingsOf } from '../servers/tenant-directory.js';
import { DEFAULT_TENANT_ID, type Env, loadEnv, logger } from '../shared/index.js';
import { setCaptureMessageContent, startTelemetry } from '../shared/telemetry/index.js';
import { approvalLookups } from './app/approval-lookups.js';
import { startApprovalSweep } from './app/approval-sweep.js';
import { builtinHostConfig, defaultModelFor, hostConfig } from './app/config-sources.js';
import { ElicitationRouter } from './app/elicitation-router.js';
import { readResourceTool } from './app/read-resource-tool.js';
import { createResilientRouter } from './app/resilient-router.js';
import { samplingWith } from './app/sampling.js';
import { addSessionToMemory, mayEndResumedIn } from './app/session-memory.js';

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
  /** Default: PostgreSQL when DATABASE_URL is set, else SQLite at `${dataDir}/sessions.db`. */
  sessions?: SessionStore;
  /** Default run deadline (30 000 ms). */
  defaultTimeoutMs?: number;
  /** Default: PostgreSQL when DATABASE_URL is set, else SQLite at `${dataDir}/approvals.db`. */
  approvals?: ApprovalStore;
  /** How often pending approvals are checked for expiry, after resuming runs decided before a restart (default 0: never — `ventros serve` and `ventros mcp` sweep every minute). */
  approvalSweepMs?: number;
  /**
   * A router built once and shared (evals open an app per scratch store); default: one built here from
   * the store's embedder and the templates.
   */
  router?: SemanticRouter;
  templates?: readonly AgentTemplate[];
  /** Watches every run (the Prometheus metrics of `ventros serve`, usage accounting). */
  observer?: RunObserver;
  /**
   * Per-tenant usage and limits; default: one built from `VENTROS_TENANT_LIMITS` (no limits when unset,
   * usage still counted). The app exposes it as `usage`.
   */
  usage?: UsageLedger;
  /** A customer conversation quiet this long has ended and goes to memory (default VENTROS_SESSION_IDLE_SECONDS). */
  sessionIdleMs?: number;
  /**
   * Re-arm, in the background, the idle clocks of the conversations a previous process left open (read
   * from the session store; see SessionEndTracker.resumeFrom). Default false: one-shot commands (`run`,
   * `eval`) end before any idle clock would; `ventros serve` and `ventros mcp` turn it on.
   */
  resumeSessionEnds?: boolean;
}

/** The composed application: the use case every bridge calls, plus the parts the CLI prints from. */
export interface App extends AgentApplication {
  readonly catalog: AgentCatalog;
  readonly router: SemanticRouter;
  readonly host: McpHost;
  readonly model: Model;
  readonly deps: ServerDeps;
  /** Where sessions live (read by the playground's session view). */
  readonly sessions: SessionStore;
  /** Where the host's MCP servers' questions go (`ventros mcp` sets its upstream client). */
  readonly elicitation: ElicitationRouter;
  /** Each tenant's runs, tokens and estimated cost today, and its limits (enforced before each model call). */
  readonly usage: UsageLedger;
  /** Ends conversations (idle or `session.ended`) and hands their sessions to memory once. */
  readonly sessionEnds: SessionEndTracker;
  /** Closes host connections, children and stores; idempotent. */
  close(): Promise<void>;
}

/**
 * The composition root: env → CRM store and tool servers → MCP host → model → router → catalog →
 * runner with SQLite sessions → the agent application. Everything is injectable through the options, so tests run the real
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
      setCaptureMessageContent(telemetry.captureMessageContent);
      cleanups.push(async () => {
        setTracer(undefined);
        setCaptureMessageContent(false);
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
    const elicitation = new ElicitationRouter(env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID);
    const host = await createHost({
      config: options.hostConfig ?? (await hostConfig(options.configPath, env.VENTROS_MCP_CONFIG)),
      builtins,
      sampling: samplingWith(model),
      // Servers' questions go to a person: upstream (ventros mcp) or the approvals queue.
      elicitation: elicitation.handle,
      // Remote servers with `oauth` use the tokens `ventros mcp login` left here.
      oauthDir: oauthDirOf(dataDir),
      // Builtin servers answer in process (same answers, no MCP round trip); off: every call over MCP.
      builtinDirect: rawEnvValue(given, 'VENTROS_BUILTIN_DIRECT') !== 'off',
    });
    cleanups.push(() => host.close());

    const resourceTool = readResourceTool(host);
    // An embedding outage falls back to a local twin of the router for that message (resilient-router.ts).
    const { router, route } = await createResilientRouter(
      deps.embedder,
      options.templates ?? TEMPLATES,
      options.router,
    );
    const catalog = buildCatalog({
      model,
      // Host tools by name, and `read_resource` (the servers' crm:// resources through the host).
      tools: (names) => {
        const hostNames = names.filter((name) => name !== READ_RESOURCE_TOOL);
        const own = hostNames.length < names.length ? [resourceTool] : [];
        return hostNames.length > 0 ? [...own, ...(host.tools(hostNames) as Tool[])] : own;
      },
      templates: options.templates ?? TEMPLATES,
      modelFor: options.modelFor ?? defaultModelFor(model, appEnv),
      // The catalog keeps customer runs on customer-facing templates whatever the router answers. With a
      // real model, the router's close calls are the model's to decide (off: VENTROS_ROUTER_TIE_BREAK=off).
      route:
        rawEnvValue(given, 'VENTROS_ROUTER_TIE_BREAK') === 'off'
          ? (text, options) => route(text, options)
          : withLlmTieBreaker(route, { model, templates: options.templates ?? TEMPLATES }),
      memoryContext: { maxChars: appEnv.VENTROS_MEMORY_CONTEXT_CHARS },
    });
    const sessions = options.sessions ?? openSessionStore(appEnv);
    cleanups.push(() => sessions.close?.());
    const approvalStore = options.approvals ?? openApprovalStore(appEnv);
    cleanups.push(() => approvalStore.close?.());
    const gate = createSeedGate(
      parseApprovalRules(env.VENTROS_APPROVAL_RULES),
      approvalLookups(host, deps, !env.MCP_SERVER_HOST),
    );
    const registry = agentRegistryOf(appEnv);
    if (registry) cleanups.push(async () => registry.close());
    const usage = options.usage ?? new UsageLedger(loadTenantLimits(rawEnvValue(given, 'VENTROS_TENANT_LIMITS')));
    const runner = new Runner({
      sessions,
      gate,
      defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
      observer: combineObservers(usage, options.observer) ?? usage,
      guard: usage,
    });
    const application = createAgentApplication({
      catalog,
      runner,
      sessions,
      contacts: contactLookupOf(deps),
      ...(registry ? { definitions: registry } : {}),
      tenants: tenantSettingsOf(deps),
      defaultModelId: model.id,
      approvals: {
        store: approvalStore,
        ...(env.VENTROS_APPROVAL_TTL_SECONDS ? { ttlMs: Number(env.VENTROS_APPROVAL_TTL_SECONDS) * 1000 } : {}),
      },
    });
    elicitation.approvals = application.approvals;
    // The seed's step 7: each answered customer conversation goes to memory once it ends (idle or
    // session.ended), off the answer path. Closed before the host and the sessions it reads.
    const sessionEnds = new SessionEndTracker({
      addSession: addSessionToMemory({ host, sessions }),
      idleMs: options.sessionIdleMs ?? appEnv.VENTROS_SESSION_IDLE_SECONDS * 1000,
      mayEndResumed: mayEndResumedIn(sessions),
    });
    cleanups.push(() => sessionEnds.close());
    const listUpdatedSince = sessions.listUpdatedSince?.bind(sessions);
    if (options.resumeSessionEnds && listUpdatedSince) {
      // Not awaited: start-up (and listening) does not wait for the read; close waits for it, before
      // the tracker and the store close. It never rejects.
      const resuming = sessionEnds.resumeFrom(listUpdatedSince);
      cleanups.push(async () => {
        await resuming;
      });
    }
    const sweepMs = options.approvalSweepMs ?? 0;
    if (sweepMs > 0 && application.approvals) {
      cleanups.push(startApprovalSweep(application.approvals, sweepMs));
    }

    let closing: Promise<void> | undefined;
    return {
      ...trackConversations(application, sessionEnds),
      sessionEnds,
      catalog,
      router,
      host,
      model,
      deps,
      sessions,
      elicitation,
      usage,
      close() {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

export { builtinHostConfig };

/** A variable a parsed `Env` does not keep: from the raw environment given, or `process.env` behind a parsed one. */
function rawEnvValue(given: NodeJS.ProcessEnv | Env, name: string): string | undefined {
  const source = typeof given.PORT === 'number' ? process.env : (given as Record<string, unknown>);
  const value = source[name];
  return typeof value === 'string' ? value : undefined;
}
