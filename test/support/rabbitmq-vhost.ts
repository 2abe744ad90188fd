import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A RabbitMQ vhost of one test file's own. */
export interface TestVhost {
  /** `amqp://guest:guest@127.0.0.1:5672/<vhost>`. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh vhost, for a test file that runs the bridge's fixed queues (`ventros.agents.message-received`,
 * the DLQ) next to other files doing the same on the run's vhost: each consumer would take the other's
 * messages. `rabbitmqctl` takes a few seconds per call, so only files that need one make one.
 */
export async function freshVhost(prefix = 'ventros-test'): Promise<TestVhost> {
  const name = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const ctl = (args: string[]) => run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });
  await ctl(['add_vhost', name]);
  await ctl(['set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
  return {
    name,
    url: `amqp://guest:guest@127.0.0.1:5672/${encodeURIComponent(name)}`,
    drop: async () => {
      await ctl(['delete_vhost', name]);
    },
  };
}
