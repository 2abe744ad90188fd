import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1, free right now, below Linux's ephemeral range (32768+) so no client socket of
 * this machine takes it between the probe and the listen. Bounded: gives up after 200 probes.
 */
export async function freeLoopbackPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
  throw new Error('no free loopback port below 32768 after 200 probes');
}
