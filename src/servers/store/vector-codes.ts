/**
 * In-memory int8 codes of one tenant's vectors, kept as one posting list per dimension (the slots
 * whose code on that dimension is non-zero), for a coarse k-NN pass before exact rescoring.
 *
 * Why postings: the feature-hashing embedder sets ≈ 20–60 of 512 dimensions, so a query's dot
 * product only touches the postings of its own non-zero dimensions — ~5% of a full scan. Each
 * vector is quantised with its own scale (max |component| / 127), so a coarse score is within ~1e-3
 * of the cosine; callers rescore the candidates on the stored float32 vectors. For dense vectors
 * this layout gains nothing: `density` tells callers when to use an exact scan instead.
 */
export interface CodeHit {
  seq: number;
  /** Approximate dot product (cosine for unit vectors). */
  score: number;
}

const MIN_CAPACITY = 1024;
const MIN_POSTINGS = 16;

export class TenantVectorCodes {
  private capacity: number;
  /** Slots handed out (live or dead); a slot is never reused until `compact`. */
  private size = 0;
  private dead = 0;
  private nonzeros = 0;
  private scales: Float32Array;
  private seqs: Float64Array;
  private nnz: Uint16Array;
  private readonly slotOf = new Map<number, number>();
  private postSlots: Int32Array[];
  private postCodes: Int8Array[];
  private readonly postLength: Int32Array;

  /** `expected`: how many vectors are about to be loaded (sizes the arrays once). */
  constructor(
    readonly dimensions: number,
    expected = 0,
  ) {
    this.capacity = Math.max(MIN_CAPACITY, Math.ceil(expected * 1.1));
    this.scales = new Float32Array(this.capacity);
    this.seqs = new Float64Array(this.capacity).fill(-1);
    this.nnz = new Uint16Array(this.capacity);
    this.postSlots = Array.from({ length: dimensions }, () => new Int32Array(MIN_POSTINGS));
    this.postCodes = Array.from({ length: dimensions }, () => new Int8Array(MIN_POSTINGS));
    this.postLength = new Int32Array(dimensions);
  }

  get count(): number {
    return this.slotOf.size;
  }

  /** Share of non-zero codes among all live codes, 0..1. */
  get density(): number {
    return this.count > 0 ? this.nonzeros / (this.count * this.dimensions) : 0;
  }

  /** Bytes held (postings, scales, slot → seq). */
  get bytes(): number {
    let bytes = this.scales.byteLength + this.seqs.byteLength + this.nnz.byteLength;
    for (let d = 0; d < this.dimensions; d++) {
      bytes += (this.postSlots[d] as Int32Array).byteLength + (this.postCodes[d] as Int8Array).byteLength;
    }
    return bytes;
  }

  upsert(seq: number, vector: Float32Array): void {
    const old = this.slotOf.get(seq);
    if (old !== undefined) this.kill(old);
    if (this.size === this.capacity) this.grow();
    const slot = this.size++;
    this.slotOf.set(seq, slot);
    this.seqs[slot] = seq;
    let max = 0;
    for (let i = 0; i < this.dimensions; i++) max = Math.max(max, Math.abs(vector[i] ?? 0));
    const inverse = max > 0 ? 127 / max : 0;
    this.scales[slot] = max / 127;
    let count = 0;
    for (let d = 0; d < this.dimensions; d++) {
      const code = Math.round((vector[d] ?? 0) * inverse);
      if (code === 0) continue;
      this.append(d, slot, code);
      count++;
    }
    this.nnz[slot] = count;
    this.nonzeros += count;
    this.maybeCompact();
  }

  remove(seq: number): void {
    const slot = this.slotOf.get(seq);
    if (slot === undefined) return;
    this.kill(slot);
    this.maybeCompact();
  }

  /** Releases the spare room of the posting lists (after a bulk load). */
  trim(): void {
    for (let d = 0; d < this.dimensions; d++) {
      const length = Math.max(MIN_POSTINGS, this.postLength[d] as number);
      this.postSlots[d] = (this.postSlots[d] as Int32Array).slice(0, length);
      this.postCodes[d] = (this.postCodes[d] as Int8Array).slice(0, length);
    }
  }

  /** The `n` best live vectors by approximate dot product with `query`, best first. */
  nearest(query: Float32Array, n: number): CodeHit[] {
    const want = Math.min(n, this.count);
    if (want <= 0) return [];
    const acc = new Float32Array(this.size);
    for (let d = 0; d < this.dimensions; d++) {
      const q = query[d] ?? 0;
      if (q === 0) continue;
      const slots = this.postSlots[d] as Int32Array;
      const codes = this.postCodes[d] as Int8Array;
      const length = this.postLength[d] as number;
      for (let p = 0; p < length; p++) {
        const slot = slots[p] as number;
        acc[slot] = (acc[slot] as number) + q * (codes[p] as number);
      }
    }
    return this.topSlots(acc, want);
  }

  private append(d: number, slot: number, code: number): void {
    const length = this.postLength[d] as number;
    let slots = this.postSlots[d] as Int32Array;
    let codes = this.postCodes[d] as Int8Array;
    if (length === slots.length) {
      const grownSlots = new Int32Array(length * 2);
      grownSlots.set(slots);
      const grownCodes = new Int8Array(length * 2);
      grownCodes.set(codes);
      slots = grownSlots;
      codes = grownCodes;
      this.postSlots[d] = slots;
      this.postCodes[d] = codes;
    }
    slots[length] = slot;
    codes[length] = code;
    this.postLength[d] = length + 1;
  }

  private kill(slot: number): void {
    this.slotOf.delete(this.seqs[slot] as number);
    this.seqs[slot] = -1;
    this.scales[slot] = 0;
    this.nonzeros -= this.nnz[slot] as number;
    this.dead++;
  }

  /** Rewrites the postings without dead slots once they are a quarter of all slots. */
  private maybeCompact(): void {
    if (this.dead < MIN_CAPACITY || this.dead * 4 < this.size) return;
    const remap = new Int32Array(this.size).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.size; slot++) {
      if ((this.seqs[slot] as number) < 0) continue;
      remap[slot] = next;
      this.seqs[next] = this.seqs[slot] as number;
      this.scales[next] = this.scales[slot] as number;
      this.nnz[next] = this.nnz[slot] as number;
      this.slotOf.set(this.seqs[next] as number, next);
      next++;
    }
    this.seqs.fill(-1, next);
    this.scales.fill(0, next);
    for (let d = 0; d < this.dimensions; d++) {
      const slots = this.postSlots[d] as Int32Array;
      const codes = this.postCodes[d] as Int8Array;
      let kept = 0;
      for (let p = 0; p < (this.postLength[d] as number); p++) {
        const moved = remap[slots[p] as number] as number;
        if (moved < 0) continue;
        slots[kept] = moved;
        codes[kept] = codes[p] as number;
        kept++;
      }
      this.postLength[d] = kept;
    }
    this.size = next;
    this.dead = 0;
  }

  /** Bounded selection: a min-heap of `want` (score, slot) pairs over all live slots. */
  private topSlots(acc: Float32Array, want: number): CodeHit[] {
    const heapScore = new Float64Array(want);
    const heapSlot = new Int32Array(want);
    let filled = 0;
    for (let j = 0; j < this.size; j++) {
      if ((this.seqs[j] as number) < 0) continue;
      const score = (acc[j] as number) * (this.scales[j] as number);
      if (filled < want) {
        let i = filled++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if ((heapScore[parent] as number) <= score) break;
          heapScore[i] = heapScore[parent] as number;
          heapSlot[i] = heapSlot[parent] as number;
          i = parent;
        }
        heapScore[i] = score;
        heapSlot[i] = j;
      } else if (score > (heapScore[0] as number)) {
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= want) break;
          const right = left + 1;
          const child = right < want && (heapScore[right] as number) < (heapScore[left] as number) ? right : left;
          if ((heapScore[child] as number) >= score) break;
          heapScore[i] = heapScore[child] as number;
          heapSlot[i] = heapSlot[child] as number;
          i = child;
        }
        heapScore[i] = score;
        heapSlot[i] = j;
      }
    }
    const hits: CodeHit[] = [];
    for (let i = 0; i < filled; i++) {
      hits.push({ seq: this.seqs[heapSlot[i] as number] as number, score: heapScore[i] as number });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const scales = new Float32Array(capacity);
    scales.set(this.scales);
    const seqs = new Float64Array(capacity).fill(-1);
    seqs.set(this.seqs);
    const nnz = new Uint16Array(capacity);
    nnz.set(this.nnz);
    this.scales = scales;
    this.seqs = seqs;
    this.nnz = nnz;
    this.capacity = capacity;
  }
}
