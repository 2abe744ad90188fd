import { describe, expect, it } from 'vitest';
import { ExampleMatrix } from '../../../src/agents/router/example-matrix.js';
import { type ExampleBlock, NearestExamples } from '../../../src/agents/router/nearest-examples.js';
import { LocalEmbedder, mulberry32 } from '../../../src/shared/index.js';

/** Deterministic, so a failure reproduces. */
const random = mulberry32;

/** A unit vector with `nonZero` random dimensions set (as a hashing embedder gives). */
function sparse(next: () => number, dimensions: number, nonZero: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (let k = 0; k < nonZero; k++) v[Math.floor(next() * dimensions)] = next() - 0.5;
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** What the router does to every vector (semantic-router.ts `centerInPlace`). */
function centered(v: Float32Array, center: Float32Array): Float32Array {
  const out = v.slice();
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = (out[i] as number) - (center[i] as number);
    norm += (out[i] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

function mean(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  const m = new Float32Array(dimensions);
  for (const v of vectors)
    for (let i = 0; i < dimensions; i++) m[i] = (m[i] as number) + (v[i] as number) / vectors.length;
  return m;
}

/** The reference: every dot product, the maximum per block (what the router computed before the screen). */
function denseNearest(matrix: ExampleMatrix, blocks: readonly ExampleBlock[], query: Float32Array): number[] {
  const dots = new Float64Array(matrix.rows);
  matrix.dotsInto(query, dots);
  return blocks.map(({ first, count }) => {
    let nearest = -1;
    for (let r = first; r < first + count; r++) nearest = Math.max(nearest, dots[r] as number);
    return nearest;
  });
}

/** A block's centroid as the router builds it (semantic-router.ts `normalizedMean`): float32 sums, unit length. */
function centroidOf(rows: readonly Float32Array[], dimensions: number): Float32Array {
  const sum = new Float32Array(dimensions);
  for (const v of rows) for (let i = 0; i < dimensions; i++) sum[i] = (sum[i] as number) + (v[i] as number);
  let norm = 0;
  for (const x of sum) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dimensions; i++) sum[i] = (sum[i] as number) / norm;
  return sum;
}

function setUp(raw: Float32Array[], dimensions: number, sizes: readonly number[]) {
  const center = mean(raw, dimensions);
  const examples = raw.map((v) => centered(v, center));
  let first = 0;
  const blocks = sizes.map((count) => {
    const block = { first, count };
    first += count;
    return block;
  });
  const centroids = blocks.map(({ first, count }) => centroidOf(examples.slice(first, first + count), dimensions));
  return {
    center,
    blocks,
    nearest: new NearestExamples(raw, examples, dimensions, center, blocks, centroids),
    reference: new ExampleMatrix(examples, dimensions),
    centroids: new ExampleMatrix(centroids, dimensions),
  };
}

function expectIdentical(actual: Float64Array, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [b, value] of expected.entries()) expect(Object.is(actual[b], value), `block ${b}`).toBe(true);
}

describe('NearestExamples', () => {
  it('gives every block the bit-identical maximum of the dense loop on sparse queries', () => {
    const next = random(7);
    const dimensions = 128;
    const sizes = [1, 2, 5, 9, 13, 4, 30];
    const raw = sizes.flatMap((n) => Array.from({ length: n }, () => sparse(next, dimensions, 6)));
    const { center, blocks, nearest, reference } = setUp(raw, dimensions, sizes);
    const out = new Float64Array(blocks.length);
    for (let q = 0; q < 400; q++) {
      const query = sparse(next, dimensions, 1 + (q % 12));
      const c = centered(query, center);
      nearest.nearestInto(query, c, out);
      expectIdentical(out, denseNearest(reference, blocks, c));
    }
  });

  it('bounds every block’s nearest and centroid similarity, and answers each exactly on demand', () => {
    const next = random(13);
    const dimensions = 128;
    const sizes = [1, 3, 7, 12, 25];
    const raw = sizes.flatMap((n) => Array.from({ length: n }, () => sparse(next, dimensions, 8)));
    const { center, blocks, nearest, reference, centroids } = setUp(raw, dimensions, sizes);
    const n = blocks.length;
    const near = { lo: new Float64Array(n), hi: new Float64Array(n) };
    const cent = { lo: new Float64Array(n), hi: new Float64Array(n) };
    const exactCentroids = new Float64Array(n);
    let widest = 0;
    for (let q = 0; q < 300; q++) {
      const query = sparse(next, dimensions, 1 + (q % 15));
      const c = centered(query, center);
      expect(nearest.screenInto(query, c, near, cent)).toBe(true);
      const exact = denseNearest(reference, blocks, c);
      centroids.dotsInto(c, exactCentroids);
      for (let b = 0; b < n; b++) {
        expect(near.lo[b]).toBeLessThanOrEqual(exact[b] as number);
        expect(near.hi[b]).toBeGreaterThanOrEqual(exact[b] as number);
        expect(cent.lo[b]).toBeLessThanOrEqual(exactCentroids[b] as number);
        expect(cent.hi[b]).toBeGreaterThanOrEqual(exactCentroids[b] as number);
        widest = Math.max(
          widest,
          (near.hi[b] as number) - (near.lo[b] as number),
          (cent.hi[b] as number) - (cent.lo[b] as number),
        );
        expect(Object.is(nearest.exactNearest(c, b), exact[b])).toBe(true);
        expect(Object.is(nearest.exactCentroid(c, b), exactCentroids[b])).toBe(true);
      }
    }
    // Tight enough to decide a score rounded to 1e-4 almost always.
    expect(widest).toBeLessThan(1e-5);
  });

  it('stays exact on ties: duplicate examples and a query equal to an example', () => {
    const next = random(11);
    const dimensions = 64;
    const base = Array.from({ length: 6 }, () => sparse(next, dimensions, 5));
    // Each example twice, in different blocks and within one block.
    const raw = [...base, ...base, base[0] as Float32Array, base[0] as Float32Array];
    const { center, blocks, nearest, reference } = setUp(raw, dimensions, [3, 3, 3, 3, 2]);
    const out = new Float64Array(blocks.length);
    for (const query of [...base, sparse(next, dimensions, 3)]) {
      const c = centered(query, center);
      nearest.nearestInto(query, c, out);
      expectIdentical(out, denseNearest(reference, blocks, c));
    }
  });

  it('stays exact without the raw query, on dense queries and on other lengths', () => {
    const next = random(3);
    const dimensions = 32;
    const raw = Array.from({ length: 10 }, () => sparse(next, dimensions, 4));
    const { center, blocks, nearest, reference } = setUp(raw, dimensions, [4, 6]);
    const out = new Float64Array(blocks.length);
    const dense = sparse(next, dimensions, 200);
    for (const [query, given] of [
      [sparse(next, dimensions, 3), undefined],
      [dense, dense],
    ] as const) {
      const c = centered(query, center);
      nearest.nearestInto(given, c, out);
      expectIdentical(out, denseNearest(reference, blocks, c));
    }
    // Not `raw − center` scaled: the measured error is too wide, and the answer stays exact.
    const other = sparse(next, dimensions, 3);
    const unrelated = centered(sparse(next, dimensions, 3), center);
    nearest.nearestInto(other, unrelated, out);
    expectIdentical(out, denseNearest(reference, blocks, unrelated));
  });

  it('stays exact with a dense embedder (every dimension set: the screen is not worth it)', () => {
    const next = random(5);
    const dimensions = 24;
    const raw = Array.from({ length: 9 }, () => sparse(next, dimensions, 500));
    const { center, blocks, nearest, reference } = setUp(raw, dimensions, [5, 4]);
    const out = new Float64Array(blocks.length);
    for (let q = 0; q < 20; q++) {
      const query = sparse(next, dimensions, 500);
      const c = centered(query, center);
      nearest.nearestInto(query, c, out);
      expectIdentical(out, denseNearest(reference, blocks, c));
    }
  });

  it('matches the dense loop with the LocalEmbedder on messages', async () => {
    const embedder = new LocalEmbedder(512);
    const texts = [
      'quero cancelar meu plano',
      'cancelar assinatura agora',
      'o sistema caiu',
      'erro ao salvar contato',
      'quanto custa o plano pro',
      'preço do plano anual',
      'oi bom dia',
    ];
    const raw = await embedder.embed(texts);
    const { center, blocks, nearest, reference } = setUp(raw, 512, [2, 2, 2, 1]);
    const out = new Float64Array(blocks.length);
    for (const text of [...texts, 'quero cancelar, ta caro', 'o plano caiu e quero o preço', 'kkkk', 'a']) {
      const [query] = await embedder.embed([text]);
      const c = centered(query as Float32Array, center);
      nearest.nearestInto(query, c, out);
      expectIdentical(out, denseNearest(reference, blocks, c));
    }
  });
});
