import { describe, expect, it } from 'vitest';
import { ExampleMatrix } from '../../../src/agents/router/example-matrix.js';
import { cosine, mulberry32 } from '../../../src/shared/index.js';

/** A deterministic pseudo-random unit-ish vector (mulberry32), so failures reproduce. */
function vector(seed: number, dimensions: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: dimensions }, () => random() - 0.5);
}

describe('ExampleMatrix', () => {
  it('gives every row the bit-identical dot product cosine() gives (rows not a multiple of four)', () => {
    const dimensions = 64;
    const examples = Array.from({ length: 11 }, (_, i) => vector(i + 1, dimensions));
    const query = vector(99, dimensions);
    const matrix = new ExampleMatrix(examples, dimensions);
    const out = new Float64Array(matrix.rows);
    matrix.dotsInto(query, out);
    expect(matrix.rows).toBe(11);
    for (const [row, example] of examples.entries()) expect(Object.is(out[row], cosine(query, example))).toBe(true);
  });

  it('gives chosen rows (any order, any count) the very values dotsInto gives them', () => {
    const dimensions = 48;
    const matrix = new ExampleMatrix(
      Array.from({ length: 9 }, (_, i) => vector(i + 20, dimensions)),
      dimensions,
    );
    const query = vector(5, dimensions);
    const all = new Float64Array(matrix.rows);
    matrix.dotsInto(query, all);
    const rows = Int32Array.from([8, 0, 3, 3, 7, 1, 2]);
    for (let count = 0; count <= rows.length; count++) {
      const out = new Float64Array(rows.length);
      matrix.rowDotsInto(query, rows, count, out);
      for (let k = 0; k < count; k++) expect(Object.is(out[k], all[rows[k] as number])).toBe(true);
    }
  });

  it('reads the common length, as cosine does, when an example is shorter than the dimensions', () => {
    const short = vector(7, 5);
    const matrix = new ExampleMatrix([short, vector(8, 8)], 8);
    const query = vector(9, 8);
    const out = new Float64Array(2);
    matrix.dotsInto(query, out);
    expect(out[0]).toBeCloseTo(cosine(query, short), 12);
    expect(Object.is(out[1], cosine(query, vector(8, 8)))).toBe(true);
  });
});
