import { ExampleMatrix } from './example-matrix.js';

/** A template's examples: rows `first` .. `first + count − 1` of the matrix. */
export interface ExampleBlock {
  first: number;
  count: number;
}

/**
 * The screen reads one posting per (query non-zero, example non-zero) pair; past this share of the
 * dense loop's multiply-adds (rows × dimensions) it is not worth it (a dense embedder's vectors).
 */
const MAX_SCREEN_SHARE = 0.25;
/**
 * Slack for double rounding, per unit of the magnitudes involved: each sum here errs by ~1e-13 with
 * unit vectors, so this is four orders of magnitude more than needed.
 */
const ROUNDING_SLACK = 1e-9;
/** A screen error wider than this would let most rows through: the dense loop is cheaper then. */
const MAX_MARGIN = 1e-3;

/**
 * The nearest example of every template (the maximum dot product of the centered query with the
 * template's centered examples), BIT-IDENTICAL to `ExampleMatrix.dotsInto` and the maximum per block,
 * at a fraction of the cost when embeddings are sparse (the LocalEmbedder hashes a short text into a
 * few dozen of its 512 dimensions; centering makes every vector dense).
 *
 * Why it is exact. A centered query is `q = s·(raw − c) + δq` and a centered example
 * `e = t·(rawₑ − c) + δe`, with `δ` the float rounding of the centering, which is measured (the
 * examples' at construction, the query's per call), not assumed. So
 * `q·e = s·t·(raw·rawₑ − raw·c − c·rawₑ + c·c) + t·δq·(rawₑ − c) + q·δe`: the first term is a sparse
 * dot product (the query's non-zeros against the examples' non-zeros, through postings per dimension)
 * plus constants, and the rest is bounded by Cauchy–Schwarz: `t·‖δq‖·‖rawₑ − c‖ + ‖q‖·‖δe‖`, plus
 * rounding far under `ROUNDING_SLACK` — one margin `m` takes each factor's largest value over the rows
 * (about 1e-7 with unit vectors). The block's best estimate minus `m` is under the block's maximum, so a
 * row whose estimate plus `m` is under that bar cannot be the maximum; the others (about one per block)
 * get the exact dot product, summed in `dotsInto`'s order, so the maximum is the very same double. A
 * query that does not fit (dense, another length, not a scaled `raw − c`) takes the dense path, still
 * exact.
 */
export class NearestExamples {
  readonly #matrix: ExampleMatrix;
  readonly #blocks: readonly ExampleBlock[];
  readonly #center: Float32Array;
  readonly #centerNorm: number;
  /** `c·c`. */
  readonly #centerSquared: number;
  /** The raw examples' non-zeros by dimension: rows `#postingRows[#postingStart[i] .. #postingStart[i+1])`. */
  readonly #postingStart: Int32Array;
  readonly #postingRows: Int32Array;
  readonly #postingValues: Float64Array;
  /** Per row: `t`, `c·rawₑ`, `t·‖rawₑ − c‖`, `‖δe‖`, `t·(‖rawₑ‖ + ‖c‖)` and `‖e‖`. */
  readonly #scale: Float64Array;
  readonly #centerDots: Float64Array;
  /** The largest `t·‖rawₑ − c‖`, `‖δe‖`, `t·(‖rawₑ‖ + ‖c‖)` and `‖e‖` of any row: one margin serves every row. */
  readonly #spread: number;
  readonly #rounding: number;
  readonly #magnitude: number;
  readonly #norm: number;
  // Scratch, reused: a route computes the nearest examples synchronously, so calls never interleave.
  readonly #estimate: Float64Array;
  /** The screen's error bound for every row of the running query, set by `#screen`. */
  #margin = 0;
  readonly #dots: Float64Array;
  readonly #nonZero: Int32Array;
  readonly #candidates: Int32Array;
  readonly #candidateDots: Float64Array;
  /** Postings a screen may read (`MAX_SCREEN_SHARE` of the dense loop). */
  readonly #maxPostings: number;
  /** Block b's candidates are `#candidates[#blockEnds[b − 1] .. #blockEnds[b])`. */
  readonly #blockEnds: Int32Array;
  /** The blocks' centroids, one row each, when given (`centroidsInto`, `screenInto`). */
  readonly #centroids: ExampleMatrix | undefined;
  /** Per block: `1 / ‖Σ e‖` over its rows, and `‖centroid − Σ e / ‖Σ e‖‖` (the centroid's float rounding). */
  readonly #centroidScale: Float64Array;
  readonly #centroidRounding: Float64Array;
  /** The running screen's `‖q‖`. */
  #queryNorm = 0;

  /**
   * @param raw the examples' embeddings as the embedder returned them
   * @param centered the same, centered on `center` and unit length (what the router compares)
   * @param centroids each block's centroid (its centered rows summed, unit length), for `screenInto`
   */
  constructor(
    raw: readonly Float32Array[],
    centered: readonly Float32Array[],
    dimensions: number,
    center: Float32Array,
    blocks: readonly ExampleBlock[],
    centroids?: readonly Float32Array[],
  ) {
    this.#matrix = new ExampleMatrix(centered, dimensions);
    this.#blocks = blocks;
    this.#center = center;
    const d = dimensions;
    // The center, raw and centered examples as the matrix reads them: zero past a vector's end, cut at `d`.
    const c = new Float64Array(d);
    for (let i = 0; i < Math.min(d, center.length); i++) c[i] = center[i] as number;
    let centerSquared = 0;
    for (let i = 0; i < d; i++) centerSquared += (c[i] as number) * (c[i] as number);
    this.#centerSquared = centerSquared;
    this.#centerNorm = Math.sqrt(centerSquared);
    const rows = centered.length;
    this.#scale = new Float64Array(rows);
    this.#centerDots = new Float64Array(rows);
    let maxSpread = 0;
    let maxRounding = 0;
    let maxMagnitude = 0;
    let maxNorm = 0;
    const postingCounts = new Int32Array(d);
    const x = new Float64Array(d);
    const e = new Float64Array(d);
    for (let row = 0; row < rows; row++) {
      x.fill(0);
      e.fill(0);
      const r = raw[row] as Float32Array;
      const v = centered[row] as Float32Array;
      for (let i = 0; i < Math.min(d, r.length); i++) x[i] = r[i] as number;
      for (let i = 0; i < Math.min(d, v.length); i++) e[i] = v[i] as number;
      let spread = 0;
      let rawNorm = 0;
      let centerDot = 0;
      let norm = 0;
      for (let i = 0; i < d; i++) {
        const xi = x[i] as number;
        const ci = c[i] as number;
        if (xi !== 0) postingCounts[i] = (postingCounts[i] as number) + 1;
        spread += (xi - ci) * (xi - ci);
        rawNorm += xi * xi;
        centerDot += ci * xi;
        norm += (e[i] as number) * (e[i] as number);
      }
      const t = spread > 0 ? 1 / Math.sqrt(spread) : 0;
      let delta = 0;
      for (let i = 0; i < d; i++) {
        const gap = (e[i] as number) - t * ((x[i] as number) - (c[i] as number));
        delta += gap * gap;
      }
      this.#scale[row] = t;
      this.#centerDots[row] = centerDot;
      maxSpread = Math.max(maxSpread, t * Math.sqrt(spread));
      maxRounding = Math.max(maxRounding, Math.sqrt(delta));
      maxMagnitude = Math.max(maxMagnitude, t * (Math.sqrt(rawNorm) + this.#centerNorm));
      maxNorm = Math.max(maxNorm, Math.sqrt(norm));
    }
    this.#spread = maxSpread;
    this.#rounding = maxRounding;
    this.#magnitude = maxMagnitude;
    this.#norm = maxNorm;
    this.#postingStart = new Int32Array(d + 1);
    for (let i = 0; i < d; i++)
      this.#postingStart[i + 1] = (this.#postingStart[i] as number) + (postingCounts[i] as number);
    const total = this.#postingStart[d] as number;
    this.#postingRows = new Int32Array(total);
    this.#postingValues = new Float64Array(total);
    const next = this.#postingStart.slice(0, d);
    for (let row = 0; row < rows; row++) {
      const r = raw[row] as Float32Array;
      for (let i = 0; i < Math.min(d, r.length); i++) {
        const xi = r[i] as number;
        if (xi === 0) continue;
        const p = next[i] as number;
        this.#postingRows[p] = row;
        this.#postingValues[p] = xi;
        next[i] = p + 1;
      }
    }
    this.#estimate = new Float64Array(rows);
    this.#dots = new Float64Array(rows);
    this.#nonZero = new Int32Array(d);
    this.#candidates = new Int32Array(rows);
    this.#candidateDots = new Float64Array(rows);
    this.#blockEnds = new Int32Array(blocks.length);
    this.#maxPostings = MAX_SCREEN_SHARE * rows * d;
    this.#centroids = centroids ? new ExampleMatrix(centroids, d) : undefined;
    this.#centroidScale = new Float64Array(blocks.length);
    this.#centroidRounding = new Float64Array(blocks.length);
    if (centroids) {
      const sum = new Float64Array(d);
      blocks.forEach((block, b) => {
        sum.fill(0);
        for (let row = block.first; row < block.first + block.count; row++) {
          const v = centered[row] as Float32Array;
          for (let i = 0; i < Math.min(d, v.length); i++) sum[i] = (sum[i] as number) + (v[i] as number);
        }
        let norm = 0;
        for (let i = 0; i < d; i++) norm += (sum[i] as number) ** 2;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        const centroid = centroids[b] as Float32Array;
        let rounding = 0;
        for (let i = 0; i < d; i++) {
          const gap = (i < centroid.length ? (centroid[i] as number) : 0) - scale * (sum[i] as number);
          rounding += gap * gap;
        }
        this.#centroidScale[b] = scale;
        this.#centroidRounding[b] = Math.sqrt(rounding);
      });
    }
  }

  /**
   * `out[b]` = max(−1, max over block b's rows of `query · row`), exactly as the dense loop computes it.
   * @param raw the query's embedding before centering (not modified); `query` is it centered, unit length.
   */
  nearestInto(raw: Float32Array | undefined, query: Float32Array, out: Float64Array): void {
    if (!raw || !this.#screen(raw, query)) {
      this.#dense(query, out);
      return;
    }
    const estimate = this.#estimate;
    const margin = this.#margin;
    const candidates = this.#candidates;
    const blockEnds = this.#blockEnds;
    let count = 0;
    this.#blocks.forEach((block, b) => {
      const end = block.first + block.count;
      let top = block.first;
      for (let r = block.first + 1; r < end; r++) if ((estimate[r] as number) > (estimate[top] as number)) top = r;
      // The top row's exact value is at least `bar`: a row that cannot reach it is not the maximum.
      const bar = (estimate[top] as number) - margin;
      for (let r = block.first; r < end; r++) {
        if ((estimate[r] as number) + margin >= bar) candidates[count++] = r;
      }
      blockEnds[b] = count;
    });
    const dots = this.#candidateDots;
    this.#matrix.rowDotsInto(query, candidates, count, dots);
    let k = 0;
    for (let b = 0; b < this.#blocks.length; b++) {
      let nearest = -1;
      for (const end = blockEnds[b] as number; k < end; k++) nearest = Math.max(nearest, dots[k] as number);
      out[b] = nearest;
    }
  }

  /** `out[b]` = the query's dot product with block b's centroid, exactly (`ExampleMatrix.dotsInto`). */
  centroidsInto(query: Float32Array, out: Float64Array): void {
    this.#centroids?.dotsInto(query, out);
  }

  /**
   * Bounds of every block's nearest-example and centroid similarity, from the screen alone (no dense
   * dot product): the exact values `nearestInto` and `centroidsInto` give lie in `[lo, hi]`. The
   * centroid's: `q·centroid = (Σ q·e) / ‖Σ e‖ + q·δ` over the block's rows, each `q·e` within the
   * screen's margin of its estimate, `δ` the centroid's measured float rounding. False (nothing
   * written) when the query does not fit the screen or no centroids were given; after true,
   * `exactNearest` and `exactCentroid` answer a block exactly, for as long as no other query is screened.
   */
  screenInto(
    raw: Float32Array,
    query: Float32Array,
    nearest: { lo: Float64Array; hi: Float64Array },
    centroid: { lo: Float64Array; hi: Float64Array },
  ): boolean {
    if (!this.#centroids || !this.#screen(raw, query)) return false;
    const estimate = this.#estimate;
    const margin = this.#margin;
    this.#blocks.forEach((block, b) => {
      const end = block.first + block.count;
      let best = Number.NEGATIVE_INFINITY;
      let sum = 0;
      for (let r = block.first; r < end; r++) {
        const e = estimate[r] as number;
        if (e > best) best = e;
        sum += e;
      }
      nearest.lo[b] = Math.max(-1, best - margin);
      nearest.hi[b] = Math.max(-1, best + margin);
      const scale = this.#centroidScale[b] as number;
      const middle = sum * scale;
      const spread =
        block.count * margin * scale +
        this.#queryNorm * (this.#centroidRounding[b] as number) +
        ROUNDING_SLACK * (1 + this.#queryNorm) * (1 + block.count * scale);
      centroid.lo[b] = middle - spread;
      centroid.hi[b] = middle + spread;
    });
    return true;
  }

  /** Block b's nearest-example similarity, exactly as `nearestInto` gives it (after `screenInto`). */
  exactNearest(query: Float32Array, b: number): number {
    const block = this.#blocks[b] as ExampleBlock;
    const estimate = this.#estimate;
    const end = block.first + block.count;
    let top = block.first;
    for (let r = block.first + 1; r < end; r++) if ((estimate[r] as number) > (estimate[top] as number)) top = r;
    const bar = (estimate[top] as number) - this.#margin;
    let count = 0;
    for (let r = block.first; r < end; r++)
      if ((estimate[r] as number) + this.#margin >= bar) this.#candidates[count++] = r;
    this.#matrix.rowDotsInto(query, this.#candidates, count, this.#candidateDots);
    let nearest = -1;
    for (let k = 0; k < count; k++) nearest = Math.max(nearest, this.#candidateDots[k] as number);
    return nearest;
  }

  /** Block b's centroid similarity, exactly as `centroidsInto` gives it. */
  exactCentroid(query: Float32Array, b: number): number {
    const one = this.#oneRow;
    one[0] = b;
    this.#centroids?.rowDotsInto(query, one, 1, this.#oneDot);
    return this.#oneDot[0] as number;
  }

  readonly #oneRow = new Int32Array(1);
  readonly #oneDot = new Float64Array(1);

  /** Fills `#estimate` and sets `#margin`; false when the query is not worth (or fit for) screening. */
  #screen(raw: Float32Array, query: Float32Array): boolean {
    const d = this.#matrix.dimensions;
    if (raw.length !== d || query.length !== d) return false;
    const center = this.#center;
    let nonZero = 0;
    let postings = 0;
    let rawNorm = 0;
    let rawCenter = 0;
    let spread = 0;
    for (let i = 0; i < d; i++) {
      const x = raw[i] as number;
      const c = center[i] as number;
      if (x !== 0) {
        postings += (this.#postingStart[i + 1] as number) - (this.#postingStart[i] as number);
        if (postings > this.#maxPostings) return false;
        this.#nonZero[nonZero++] = i;
        rawNorm += x * x;
        rawCenter += x * c;
      }
      spread += (x - c) * (x - c);
    }
    if (!(spread > 0) || !Number.isFinite(spread)) return false;
    const s = 1 / Math.sqrt(spread);
    // The query's centering error, measured: δq = q − s·(raw − c).
    let delta = 0;
    let queryNorm = 0;
    for (let i = 0; i < d; i++) {
      const q = query[i] as number;
      const e = q - s * ((raw[i] as number) - (center[i] as number));
      delta += e * e;
      queryNorm += q * q;
    }
    if (!Number.isFinite(delta) || !Number.isFinite(queryNorm)) return false;
    delta = Math.sqrt(delta);
    queryNorm = Math.sqrt(queryNorm);
    this.#queryNorm = queryNorm;
    const rawSide = s * (Math.sqrt(rawNorm) + this.#centerNorm);
    this.#margin =
      delta * this.#spread +
      queryNorm * this.#rounding +
      ROUNDING_SLACK * (1 + queryNorm * this.#norm + rawSide * this.#magnitude);
    // A margin this wide would let most rows through: the dense loop is cheaper then.
    if (!(this.#margin <= MAX_MARGIN)) return false;
    const estimate = this.#estimate.fill(0);
    const starts = this.#postingStart;
    const postingRows = this.#postingRows;
    const postingValues = this.#postingValues;
    for (let k = 0; k < nonZero; k++) {
      const i = this.#nonZero[k] as number;
      const x = raw[i] as number;
      const end = starts[i + 1] as number;
      for (let p = starts[i] as number; p < end; p++) {
        const r = postingRows[p] as number;
        estimate[r] = (estimate[r] as number) + x * (postingValues[p] as number);
      }
    }
    const constant = this.#centerSquared - rawCenter;
    for (let r = 0; r < estimate.length; r++) {
      const t = this.#scale[r] as number;
      estimate[r] = s * t * ((estimate[r] as number) + constant - (this.#centerDots[r] as number));
    }
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
