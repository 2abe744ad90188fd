import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareToolName } from '../../agents/application/index.js';
import { TEMPLATES } from '../../agents/catalog/index.js';
import type { EvalTarget, OpenEvalTarget } from '../../agents/evaluation/index.js';
import type { Model } from '../../agents/model/index.js';
import { SemanticRouter } from '../../agents/router/index.js';
import { InMemorySessionStore } from '../../agents/sessions/index.js';
import type { HostConfig } from '../../host/index.js';
import { createEmbedder } from '../../shared/index.js';
import { type App, builtinHostConfig, type CreateAppOptions, createApp } from '../create-app.js';

/** Variables an eval must not inherit: they point the tools, sessions or traces at real systems. */
const REAL_SYSTEMS = [
  'VENTROS_DATA_DIR',
  'MCP_SERVER_HOST',
  'MEMORY_SERVICE_GRPC_HOST',
  'DATABASE_URL',
  'RABBITMQ_URL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'PHOENIX_COLLECTOR_ENDPOINT',
];

const CRM_FILES = ['crm.db', 'crm.db-wal'];

export interface ScratchTargetsOptions {
  /** The environment (model keys, `VENTROS_MODEL`); the variables naming real systems are dropped. */
  env?: NodeJS.ProcessEnv;
  /** The agents' model (default: from `env`). */
  model?: Model;
  modelFor?: CreateAppOptions['modelFor'];
  /** Default: every builtin server in process, on the scratch store. */
  hostConfig?: HostConfig;
  /** Copy this data dir's CRM store instead of seeding the demo tenants (replaying a user's session). */
  sourceDataDir?: string;
  defaultTimeoutMs?: number;
}

/** Fresh scratch copies of one seeded store, one per eval target; `dispose()` deletes them all. */
export interface ScratchTargets {
  openTarget: OpenEvalTarget;
  /** The folder every copy lives under. */
  readonly root: string;
  dispose(): Promise<void>;
}

/** The tenant's contacts and staff straight from the scratch store. */
function peopleOf(app: App, tenantId: string) {
  return {
    contacts: app.deps.store.contacts.list(tenantId).map((c) => ({ id: c.id, name: c.name })),
    staff: app.deps.store.agents.list(tenantId).map((a) => a.name),
  };
}

/**
 * Eval targets over scratch copies of a store: the demo tenants are seeded once into a temp folder
 * (or a user's `crm.db` is copied, for replays), and every target copies that pristine file into its
 * own folder and opens the full application on it — builtin tool servers in process, SQLite sessions
 * — so an eval never reads or changes the user's data, the Go CRM or a broker.
 *
 * @example
 * const scratch = await createScratchTargets({ env: { VENTROS_MODEL: 'offline' } });
 * try { await runEval({ cases, openTarget: scratch.openTarget, model: 'offline' }); }
 * finally { await scratch.dispose(); }
 */
export async function createScratchTargets(options: ScratchTargetsOptions = {}): Promise<ScratchTargets> {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  for (const name of REAL_SYSTEMS) delete env[name];
  const root = mkdtempSync(join(tmpdir(), 'ventros-eval-'));
  const pristine = join(root, 'pristine');
  mkdirSync(pristine);
  // Built once for every target: the router depends on the templates, not on the store; sessions live
  // in memory (each case has its own session id) and never touch a file.
  const base: CreateAppOptions = {
    env,
    router: await SemanticRouter.create({ embedder: createEmbedder(env), templates: TEMPLATES }),
    sessions: new InMemorySessionStore(),
    hostConfig: options.hostConfig ?? builtinHostConfig(),
    ...(options.model ? { model: options.model } : {}),
    ...(options.modelFor ? { modelFor: options.modelFor } : {}),
    ...(options.defaultTimeoutMs ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}),
  };
  try {
    if (options.sourceDataDir) {
      for (const file of CRM_FILES) {
        const from = join(options.sourceDataDir, file);
        if (existsSync(from)) copyFileSync(from, join(pristine, file));
      }
    }
    // Opening once seeds (or migrates the copy) and checkpoints; the targets copy the result.
    const seeding = await createApp({ ...base, dataDir: pristine, seedIfEmpty: !options.sourceDataDir });
    await seeding.close();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  let next = 0;
  // Copies are deleted in the background as targets close; dispose() waits for them.
  const removals = new Set<Promise<void>>();
  const remove = (dir: string) => {
    const removal = rm(dir, { recursive: true, force: true }).finally(() => removals.delete(removal));
    removals.add(removal);
  };
  const openTarget = async (): Promise<EvalTarget> => {
    const dir = join(root, `target-${next++}`);
    mkdirSync(dir);
    for (const file of CRM_FILES) {
      // A copy-on-write clone where the file system has them (a plain copy elsewhere).
      if (existsSync(join(pristine, file)))
        copyFileSync(join(pristine, file), join(dir, file), constants.COPYFILE_FICLONE);
    }
    let app: App;
    try {
      app = await createApp({ ...base, dataDir: dir });
    } catch (error) {
      remove(dir);
      throw error;
    }
    const readOnlyTools = new Set(
      app.host
        .toolInfo()
        .filter((t) => t.annotations?.['readOnlyHint'] === true)
        .map((t) => bareToolName(t.name)),
    );
    return {
      app,
      readOnlyTools,
      people: async (tenantId) => peopleOf(app, tenantId),
      async close() {
        try {
          await app.close();
        } finally {
          remove(dir);
        }
      },
    };
  };

  return {
    openTarget,
    root,
    async dispose() {
      await Promise.allSettled([...removals]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
