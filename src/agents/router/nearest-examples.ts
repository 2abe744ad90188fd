import { ExampleMatrix } from './example-matrix.js';

/** A template's examples: rows `first` .. `first + count − 1` of the matrix. */
export interface ExampleBlock {
  first: number;
  count: number;
}

/** A message embedding with this share of non-zero dimensions or more is compared densely. */
const MAX_SPARSE_SHARE = 0.25;
/** Slack for double rounding in the screen's own sums (each ~1e-13 with unit vectors): far more than needed. */
const ROUNDING_SLACK = 1e-9;

/**
 * The nearest example of every template (the maximum dot product of the centered query with the
 * template's centered examples), BIT-IDENTICAL to taking `ExampleMatrix.dotsInto` and the maximum per
 * block, at a fraction of the cost when the raw embedding is sparse (the LocalEmbedder hashes a short
 * message into a few dozen of its 512 dimensions).
 *
 * Why it is exact: a centered query is `q ≈ s·(raw − center)`, so `q·e ≈ s·(raw·e − center·e)` — a sparse
 * dot product (the raw vector's non-zeros against the example matrix stored dimension-major) minus a
 * constant kept per example. The screen measures its own error instead of assuming one: with
 * `δ = q − s·(raw − center)` computed from the actual vectors, `|q·e − approx(e)| ≤ ‖δ‖·‖e‖` (Cauchy–
 * Schwarz) plus rounding far below `ROUNDING_SLACK`. Any example whose approximation is more than two
 * such margins under its block's best approximation cannot be the block's maximum; the others (usually
 * one per block) get the exact dot product, summed in the same order as `dotsInto`, so the maximum is
 * the very same double. A query that does not fit (dense, other length, not a scaled `raw − center`)
 * takes the dense path, still exact.
 */
export class NearestExamples {
  readonly #matrix: ExampleMatrix;
  readonly #blocks: readonly ExampleBlock[];
  readonly #center: Float32Array;
  /** The examples dimension-major: `[dimension × rows + row]`, so one raw non-zero reads one run. */
  readonly #byDimension: Float32Array;
  /** `center · example` per row. */
  readonly #centerDots: Float64Array;
  readonly #rowNorms: Float64Array;
  readonly #centerNorm: number;
  // Scratch, reused: a route computes the nearest examples synchronously, so calls never interleave.
  readonly #approx: Float64Array;
  readonly #dots: Float64Array;
  readonly #nonZero: Int32Array;
  /** Bound of the screen's error per unit of row norm (‖δ‖ + slack), set by `#screen`. */
  #margin = 0;

  /** @param vectors the centered examples, as given to `ExampleMatrix`; `center` the mean subtracted. */
  constructor(vectors: readonly Float32Array[], dimensions: number, center: Float32Array, blocks: readonly ExampleBlock[]) {
    this.#matrix = new ExampleMatrix(vectors, dimensions);
    this.#blocks = blocks;
    this.#center = center;
    const rows = vectors.length;
    this.#byDimension = new Float32Array(rows * dimensions);
    this.#centerDots = new Float64Array(rows);
    this.#rowNorms = new Float64Array(rows);
    vectors.forEach((vector, row) => {
      let centerDot = 0;
      let norm = 0;
      const n = Math.min(dimensions, vector.length);
      for (let i = 0; i < n; i++) {
        const x = vector[i] as number;
        this.#byDimension[i * rows + row] = x;
        centerDot += (center[i] ?? 0) * x;
        norm += x * x;
      }
      this.#centerDots[row] = centerDot;
      this.#rowNorms[row] = Math.sqrt(norm);
    });
    let centerNorm = 0;
    for (const c of center) centerNorm += c * c;
    this.#centerNorm = Math.sqrt(centerNorm);
    this.#approx = new Float64Array(rows);
    this.#dots = new Float64Array(rows);
    this.#nonZero = new Int32Array(dimensions);
  }

  /**
   * `out[b]` = max(−1, max over block b's rows of `query · row`), exactly as the dense loop computes it.
   * @param raw the embedding before centering (not modified); `query` is it centered and unit length.
   */
  nearestInto(raw: Float32Array | undefined, query: Float32Array, out: Float64Array): void {
    if (!raw || !this.#screen(raw, query)) {
      this.#dense(query, out);
      return;
    }
    const approx = this.#approx;
    const norms = this.#rowNorms;
    const margin = this.#margin;
    this.#blocks.forEach((block, b) => {
      const end = block.first + block.count;
      let top = block.first;
      for (let r = block.first + 1; r < end; r++) if ((approx[r] as number) > (approx[top] as number)) top = r;
      // The top row's exact value is at least `bar`; a row whose exact value is at most its approximation
      // plus its margin, and that is under the bar, cannot be the block's maximum.
      const bar = (approx[top] as number) - margin * (norms[top] as number);
      let nearest = -1;
      for (let r = block.first; r < end; r++) {
        if ((approx[r] as number) + margin * (norms[r] as number) < bar) continue;
        nearest = Math.max(nearest, this.#matrix.dot(query, r));
      }
      out[b] = nearest;
    });
  }

  /** Fills `#approx` and `#margin`; false when the query is not worth (or fit for) screening. */
  #screen(raw: Float32Array, query: Float32Array): boolean {
    const d = this.#matrix.dimensions;
    if (raw.length !== d || query.length !== d) return false;
    const center = this.#center;
    let count = 0;
    let rawNorm = 0;
    let centered = 0;
    for (let i = 0; i < d; i++) {
      const x = raw[i] as number;
      if (x !== 0) {
        if (count >= d * MAX_SPARSE_SHARE) return false;
        this.#nonZero[count++] = i;
        rawNorm += x * x;
      }
      const v = x - (center[i] as number);
      centered += v * v;
    }
    if (!(centered > 1e-12) || !Number.isFinite(centered)) return false;
    const s = 1 / Math.sqrt(centered);
    // The screen's error, measured: δ = q − s·(raw − center).
    let delta = 0;
    let queryNorm = 0;
    for (let i = 0; i < d; i++) {
      const q = query[i] as number;
      const e = q - s * ((raw[i] as number) - (center[i] as number));
      delta += e * e;
      queryNorm += q * q;
    }
    if (!Number.isFinite(delta) || !Number.isFinite(queryNorm)) return false;
    this.#margin =
      Math.sqrt(delta) + ROUNDING_SLACK * (1 + Math.sqrt(queryNorm) + s * (Math.sqrt(rawNorm) + this.#centerNorm));
    // A margin this wide would let every row through: the dense loop is cheaper then.
    if (this.#margin > 1e-3) return false;
    const rows = this.#matrix.rows;
    const approx = this.#approx;
    approx.fill(0);
    const columns = this.#byDimension;
    for (let k = 0; k < count; k++) {
      const i = this.#nonZero[k] as number;
      const x = raw[i] as number;
      const offset = i * rows;
      for (let r = 0; r < rows; r++) approx[r] = (approx[r] as number) + x * (columns[offset + r] as number);
    }
    for (let r = 0; r < rows; r++) approx[r] = s * ((approx[r] as number) - (this.#centerDots[r] as number));
    return true;
  }

  #dense(query: Float32Array, out: Float64Array): void {
    const dots = this.#dots;
    this.#matrix.dotsInto(query, dots);
    this.#blocks.forEach((block, b) => {
      let nearest = -1;
      const end = block.first + block.count;
      for (let r = block.first; r < end; r++) nearest = Math.max(nearest, dots[r] as number);
      out[b] = nearest;
    });
  }
}
