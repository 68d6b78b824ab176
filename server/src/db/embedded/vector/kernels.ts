/** The numeric core of vector search: reading vectors, distances, top-k selection. */
import { bsonTag } from '../engine/values';

/**
 * Reads a stored vector: an array of numbers or a bson vector (Binary
 * subtype 9, float32). Anything else, or the wrong length, is not indexed,
 * as in Atlas.
 */
export function readVector(value: unknown, dims: number): Float32Array | undefined {
  if (Array.isArray(value)) {
    if (value.length !== dims) return undefined;
    const out = new Float32Array(dims);
    for (let i = 0; i < dims; i++) {
      const x = value[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
      out[i] = x;
    }
    return out;
  }
  if (bsonTag(value) === 'Binary') {
    const bin = value as { sub_type: number; buffer: Uint8Array };
    // bson vector: [dtype, padding, ...payload]; 0x27 is float32 little-endian.
    if (bin.sub_type !== 9 || bin.buffer[0] !== 0x27) return undefined;
    const bytes = bin.buffer.subarray(2);
    if (bytes.length !== dims * 4) return undefined;
    const out = new Float32Array(dims);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < dims; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  return undefined;
}

/**
 * Dot product of `q` with the vector at `base` in `data`. Four accumulators
 * break the dependency chain so the loop runs about twice as fast as a
 * single one; the sum stays in float64 as Atlas's reference scores do.
 */
export function dot(q: Float32Array, data: Float32Array, base: number, dims: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    a0 += q[i]! * data[base + i]!;
    a1 += q[i + 1]! * data[base + i + 1]!;
    a2 += q[i + 2]! * data[base + i + 2]!;
    a3 += q[i + 3]! * data[base + i + 3]!;
  }
  for (; i < dims; i++) a0 += q[i]! * data[base + i]!;
  return a0 + a1 + a2 + a3;
}

/** Squared euclidean distance, unrolled like {@link dot}. */
export function squaredDistance(
  q: Float32Array,
  data: Float32Array,
  base: number,
  dims: number,
): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    const d0 = q[i]! - data[base + i]!;
    const d1 = q[i + 1]! - data[base + i + 1]!;
    const d2 = q[i + 2]! - data[base + i + 2]!;
    const d3 = q[i + 3]! - data[base + i + 3]!;
    a0 += d0 * d0;
    a1 += d1 * d1;
    a2 += d2 * d2;
    a3 += d3 * d3;
  }
  for (; i < dims; i++) {
    const d = q[i]! - data[base + i]!;
    a0 += d * d;
  }
  return a0 + a1 + a2 + a3;
}

/** A bounded min-heap keeping the `k` highest scores; ties keep the earlier slot. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }

  accepts(score: number): boolean {
    return this.k > 0 && (this.n < this.k || score > this.scores[0]!);
  }

  push(slot: number, score: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.scores[r]! < this.scores[l]! ? r : l;
      if (this.scores[c]! >= score) break;
      this.scores[i] = this.scores[c]!;
      this.slots[i] = this.slots[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  sorted(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.n; i++) out.push([this.slots[i]!, this.scores[i]!]);
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}
