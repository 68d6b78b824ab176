import type { Document } from 'bson';
import { bsonTag, keyOf, valuesAtPath } from '../engine/values';
import type { Similarity, VectorDefinition } from './definition';

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
 * An exact vector index: every indexed vector in one contiguous
 * Float32Array (as Atlas, which stores float32), kept dense by moving the
 * last vector into a freed slot, plus posting lists from each filter path's
 * values to document ids so tenant-filtered searches scan only their tenant.
 */
export class VectorIndex {
  readonly dims: number;
  readonly similarity: Similarity;
  private data: Float32Array;
  private norms: Float64Array;
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, Map<string, Set<string>>>();
  private readonly filterValues = new Map<string, string[][]>();

  constructor(readonly definition: VectorDefinition) {
    this.dims = definition.numDimensions;
    this.similarity = definition.similarity;
    this.data = new Float32Array(this.dims * 64);
    this.norms = new Float64Array(64);
    for (const path of definition.filterPaths) this.postings.set(path, new Map());
  }

  /** Number of indexed vectors. */
  get size(): number {
    return this.ids.length;
  }

  /** Applies a document change (insert, update or delete). */
  update(idKey: string, before: Document | undefined, after: Document | undefined): void {
    if (before) this.remove(idKey);
    if (after) this.add(idKey, after);
  }

  private add(idKey: string, doc: Document): void {
    const [value] = valuesAtPath(doc, this.definition.path);
    const vector = readVector(value, this.dims);
    if (!vector) return;
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    // A zero vector has no direction: Atlas refuses it for cosine, here it is just not indexed.
    if (this.similarity === 'cosine' && norm === 0) return;
    const slot = this.ids.length;
    this.ensureCapacity(slot + 1);
    this.data.set(vector, slot * this.dims);
    this.norms[slot] = Math.sqrt(norm);
    this.ids.push(idKey);
    this.slotOf.set(idKey, slot);
    const keysPerPath: string[][] = [];
    for (const [path, posting] of this.postings) {
      const keys = [
        ...new Set(
          valuesAtPath(doc, path).flatMap((v) =>
            Array.isArray(v) ? [keyOf(v), ...v.map(keyOf)] : [keyOf(v)],
          ),
        ),
      ];
      keysPerPath.push(keys);
      for (const key of keys) {
        const set = posting.get(key);
        if (set) set.add(idKey);
        else posting.set(key, new Set([idKey]));
      }
    }
    this.filterValues.set(idKey, keysPerPath);
  }

  private remove(idKey: string): void {
    const slot = this.slotOf.get(idKey);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    if (slot !== last) {
      const moved = this.ids[last]!;
      this.data.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.norms[slot] = this.norms[last]!;
      this.ids[slot] = moved;
      this.slotOf.set(moved, slot);
    }
    this.ids.pop();
    this.slotOf.delete(idKey);
    const keysPerPath = this.filterValues.get(idKey) ?? [];
    let i = 0;
    for (const posting of this.postings.values()) {
      for (const key of keysPerPath[i++] ?? []) {
        const set = posting.get(key);
        set?.delete(idKey);
        if (set?.size === 0) posting.delete(key);
      }
    }
    this.filterValues.delete(idKey);
  }

  private ensureCapacity(slots: number): void {
    if (slots * this.dims <= this.data.length) return;
    const capacity = Math.max(slots, Math.ceil((this.data.length / this.dims) * 1.5));
    const data = new Float32Array(capacity * this.dims);
    data.set(this.data);
    this.data = data;
    const norms = new Float64Array(capacity);
    norms.set(this.norms);
    this.norms = norms;
  }

  /** Ids whose filter path holds one of the value keys (a posting-list union). */
  idsWhere(path: string, valueKeys: string[]): Set<string> | undefined {
    const posting = this.postings.get(path);
    if (!posting) return undefined;
    const out = new Set<string>();
    for (const key of valueKeys) for (const id of posting.get(key) ?? []) out.add(id);
    return out;
  }

  /**
   * Scores every candidate (all vectors when `candidates` is undefined) and
   * returns the best `limit` as [idKey, score], best first. Scores follow
   * Atlas: cosine (1+cos)/2, dotProduct (1+dot)/2, euclidean 1/(1+distance).
   */
  search(
    query: Float32Array,
    limit: number,
    candidates: Iterable<string> | undefined,
    accept: (idKey: string) => boolean = () => true,
  ): [string, number][] {
    const top = new TopK(limit);
    const dims = this.dims;
    const data = this.data;
    let queryNorm = 0;
    for (let i = 0; i < dims; i++) queryNorm += query[i]! * query[i]!;
    queryNorm = Math.sqrt(queryNorm);
    const score = (slot: number): number => {
      const base = slot * dims;
      if (this.similarity === 'euclidean') {
        let sum = 0;
        for (let i = 0; i < dims; i++) {
          const d = query[i]! - data[base + i]!;
          sum += d * d;
        }
        return 1 / (1 + Math.sqrt(sum));
      }
      let dot = 0;
      for (let i = 0; i < dims; i++) dot += query[i]! * data[base + i]!;
      if (this.similarity === 'dotProduct') return (1 + dot) / 2;
      return (1 + dot / (queryNorm * this.norms[slot]!)) / 2;
    };
    if (candidates === undefined) {
      for (let slot = 0; slot < this.ids.length; slot++) {
        const s = score(slot);
        if (top.accepts(s) && accept(this.ids[slot]!)) top.push(slot, s);
      }
    } else {
      for (const idKey of candidates) {
        const slot = this.slotOf.get(idKey);
        if (slot === undefined) continue;
        const s = score(slot);
        if (top.accepts(s) && accept(idKey)) top.push(slot, s);
      }
    }
    return top.sorted().map(([slot, s]) => [this.ids[slot]!, s]);
  }
}

/** A bounded min-heap keeping the `k` highest scores; ties keep the earlier slot. */
class TopK {
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
