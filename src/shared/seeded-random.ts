/**
 * mulberry32: a small, fast, seeded pseudo-random generator (uniform in [0, 1)). The same seed gives
 * the same sequence on every machine, which is what a reproducible demo dataset, a deterministic
 * training shuffle and a test that must fail the same way twice need. Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
