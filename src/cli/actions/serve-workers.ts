import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { InvalidInputError, loadEnv, logger } from '../../shared/index.js';

/** Most workers `serve --workers` starts (a worker is a whole instance: ~100 MB and its own connections). */
export const MAX_WORKERS = 64;

/** How long a worker may take to start (seed, connect, listen) before the primary gives up. */
const START_TIMEOUT_MS = 120_000;
/** On shutdown, how long workers get to finish their runs before they are killed. */
const STOP_TIMEOUT_MS = 30_000;

/** Parses `--workers`: an integer 1..MAX_WORKERS. */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new InvalidInputError(`--workers must be an integer from 1 to ${MAX_WORKERS}, got "${value}"`, { value });
  }
  return n;
}

/**
 * Refuses settings under which several workers would break a guarantee: with RabbitMQ, competing
 * consumers on the one work queue would answer one contact's messages out of order, so the workers
 * must share partitions (VENTROS_AMQP_PARTITIONS), exactly as several instances do (docs/SCALE-OUT.md).
 */
export function checkWorkersEnv(workers: number, rawEnv: NodeJS.ProcessEnv): void {
  if (workers < 2) return;
  const env = loadEnv(rawEnv);
  if (env.RABBITMQ_URL && !env.VENTROS_AMQP_PARTITIONS) {
    throw new InvalidInputError(
      '--workers with RABBITMQ_URL needs VENTROS_AMQP_PARTITIONS (e.g. 16): workers share the partitions like separate instances, so each contact stays in order',
      { workers },
    );
  }
}

/**
 * The primary of `serve --workers N`: forks N workers running this same command (node:cluster), each a
 * whole instance (HTTP and gRPC ports shared through the cluster, RabbitMQ partitions claimed like
 * separate instances). The first worker starts alone (it seeds an empty store), the others after it
 * listens. SIGTERM/SIGINT stop every worker gracefully; a worker that dies on its own stops the rest and
 * the primary exits 1, so the supervisor (systemd, Kubernetes) restarts the whole instance.
 */
export async function runServePrimary(workers: number): Promise<void> {
  const log = logger.child({ component: 'serve-primary' });
  const baseInstanceId = process.env.VENTROS_INSTANCE_ID;
  const live = new Set<Worker>();
  let stopping = false;

  const stopAll = (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ why, workers: live.size }, 'stopping workers');
    for (const worker of live) worker.process.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const worker of live) worker.process.kill('SIGKILL');
      log.error('workers took too long to stop; killed');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    const done = () => {
      if (live.size > 0) return;
      clearTimeout(force);
      logger.flush();
      process.exit(code);
    };
    cluster.on('exit', done);
    done();
  };

  const stateKey = process.env.VENTROS_MCP_STATE_KEY?.trim() || randomBytes(32).toString('base64url');
  const fork = (index: number) =>
    new Promise<void>((resolve, reject) => {
      // A configured instance id names each worker apart (partition claims, workflow executors).
      const worker = cluster.fork({
        VENTROS_WORKER_INDEX: String(index),
        // A 2026-07-28 `/mcp` approval round may be retried on another worker: one state key for all.
        VENTROS_MCP_STATE_KEY: stateKey,
        ...(baseInstanceId ? { VENTROS_INSTANCE_ID: `${baseInstanceId}-w${index}` } : {}),
      });
      live.add(worker);
      const timer = setTimeout(() => reject(new Error(`worker ${index} did not start within 120 s`)), START_TIMEOUT_MS);
      timer.unref();
      worker.once('listening', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('exit', (code, signal) => {
        clearTimeout(timer);
        live.delete(worker);
        if (stopping) return;
        log.error({ worker: index, code, signal }, 'worker exited; stopping the others');
        reject(new Error(`worker ${index} exited (code ${code}, signal ${signal})`));
        stopAll(`worker ${index} exited`, 1);
      });
    });

  process.once('SIGTERM', () => stopAll('SIGTERM', 0));
  process.once('SIGINT', () => stopAll('SIGINT', 0));
  try {
    for (let index = 1; index <= workers && !stopping; index++) await fork(index);
  } catch (error) {
    log.error({ err: error }, 'workers failed to start');
    stopAll('start failed', 1);
    return;
  }
  process.stderr.write(
    `ventros: ${workers} workers serving (pids ${[...live].map((w) => w.process.pid).join(', ')})\n`,
  );
}

/** This process's worker number under `serve --workers` (1-based), or undefined outside a cluster. */
export function workerIndex(): number | undefined {
  if (cluster.isPrimary) return undefined;
  const index = Number(process.env.VENTROS_WORKER_INDEX);
  return Number.isInteger(index) && index > 0 ? index : undefined;
}
