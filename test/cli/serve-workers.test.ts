import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerProbe, eventually, inboundEvent } from '../bridge/amqp/amqp-helpers.js';
import { freshVhost, type TestVhost } from '../support/rabbitmq-vhost.js';
import { type ServeSubprocess, startServeSubprocess } from '../support/serve-subprocess.js';

const root = join(import.meta.dirname, '..', '..');
const cli = ['--import', 'tsx', join(root, 'src/cli/main.ts')];
const runCli = promisify(execFile);
const PARTITIONS = 4;

interface Health {
  worker?: { index: number; pid: number };
  rabbitmq?: { connected: boolean; partitions?: { owned: number[] } };
}

let dataDir: string;
let vhost: TestVhost;
let probe: BrokerProbe;
let serve: ServeSubprocess;
let child: ChildProcess;
let port: number;
const stderr = () => serve.stderr();

/** `/health` on a new connection each time, so the cluster may hand it to either worker. */
async function health(): Promise<Health> {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: 'close' } });
  return (await res.json()) as Health;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-workers-'));
  vhost = await freshVhost('ventros-workers');
  serve = await startServeSubprocess({
    workers: 2,
    env: {
      VENTROS_DATA_DIR: dataDir,
      VENTROS_MODEL: 'offline',
      RABBITMQ_URL: vhost.url,
      VENTROS_AMQP_PARTITIONS: String(PARTITIONS),
      LOG_LEVEL: 'info',
    },
  });
  ({ port, child } = serve);
  probe = await BrokerProbe.open(vhost.url);
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await probe?.close();
  await vhost?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe.sequential('ventros serve --workers 2', () => {
  it('runs two workers that both answer HTTP on the shared port and share the RabbitMQ partitions', async () => {
    // Bounded: each new connection goes to the next worker (round robin); stop once both have answered
    // and between them own every partition.
    const seen = new Map<number, Health>();
    await eventually(
      async () => {
        const h = await health();
        if (h.worker) seen.set(h.worker.index, h);
        const owned = [...seen.values()].flatMap((s) => s.rabbitmq?.partitions?.owned ?? []);
        const everyWorkerOwns = [...seen.values()].every((s) => (s.rabbitmq?.partitions?.owned.length ?? 0) > 0);
        return seen.size === 2 && everyWorkerOwns && new Set(owned).size === PARTITIONS;
      },
      'both workers answering, each owning partitions',
      60_000,
    );
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    const pids = [...seen.values()].map((s) => s.worker?.pid);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(child.pid);

    const answer = await fetch(`http://127.0.0.1:${port}/api/agents/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' }),
    });
    expect(await answer.json()).toMatchObject({ agent_used: 'retention_churn' });

    // Messages of several contacts (spread over the partitions, so over both workers) are all answered once.
    const contacts = ['contact-ana', 'contact-carlos', 'contact-beatriz', 'contact-daniel', 'contact-eduarda'];
    const sent = contacts.flatMap((contactId) =>
      [1, 2].map((n) => inboundEvent({ contactId, text: n === 1 ? 'Qual o status do meu pedido?' : 'Obrigado' })),
    );
    for (const event of sent) probe.publish(event);
    await eventually(() => probe.outbound.length >= sent.length, 'an answer to every message', 60_000);
    expect(probe.outbound.map((o) => o.payload.in_reply_to).sort()).toEqual(
      sent.map((e) => e.payload.message_id).sort(),
    );
  }, 120_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    const seen = new Map<number, number>();
    await eventually(async () => {
      const h = await health();
      if (h.worker) seen.set(h.worker.index, h.worker.pid);
      return seen.size === 2;
    }, 'both worker pids');
    const workers = [...seen.values()];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 45_000))]);
    expect(code).toBe(0);
    for (const pid of workers) expect(alive(pid)).toBe(false);
    expect(stderr().match(/shutting down/g)?.length).toBe(2);
  }, 60_000);
});

describe('ventros serve --workers, refused', () => {
  it('refuses several workers on RabbitMQ without partitions (one contact would be answered out of order)', async () => {
    const failure = await runCli(process.execPath, [...cli, 'serve', '--workers', '2'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
        VENTROS_MODEL: 'offline',
      },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('VENTROS_AMQP_PARTITIONS');
  }, 70_000);

  it('refuses a worker count that is not a positive integer', async () => {
    const failure = await runCli(process.execPath, [...cli, 'serve', '--workers', 'zero'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', VENTROS_MODEL: 'offline' },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('--workers must be an integer from 1 to 64');
  }, 70_000);
});

/** Whether a process with this pid still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
