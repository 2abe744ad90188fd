import type { Sample } from './amqp-load.js';

/** Closed loop: `clients` requests in flight until `seconds` pass. */
export async function httpLoad(
  url: string,
  body: (i: number) => unknown,
  clients: number,
  seconds: number,
): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body(next++)),
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          if (res.ok) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { done: latencies.length, errors, elapsedMs: performance.now() - started, latencies };
}
