import type { Document } from 'bson';
import { keyOf, valuesAtPath } from '../engine/values';
import type { Similarity, VectorDefinition } from './definition';
import { dot, readVector, squaredDistance, TopK } from './kernels';
import { simdKernel } from './simd';

export { readVector } from './kernels';

/** A filter path pinned to some values: `[path, value keys]` (see keyOf). */
export type Pin = [path: string, valueKeys: string[]];

/** Per filter path: each slot's value as a dictionary code (-1: several values). */
interface FilterColumn {
  codes: Int32Array;
  dictionary: Map<string, number>;
}

/**
 * An exact vector index: every indexed vector in one contiguous
 * Float32Array (as Atlas, which stores float32), kept dense by moving the
 * last vector into a freed slot. Each `filter` path is a dictionary-coded
 * column beside it, so a tenant-filtered search skips other tenants' vectors
 * with one integer test instead of scoring them.
 */
export class VectorIndex {
  readonly dims: number;
  readonly similarity: Similarity;
  private data: Float32Array;
  private norms: Float64Array;
  /** SIMD kernels whose memory holds `data` (after a float64 query area), when available. */
  private readonly kernel = simdKernel();
  private readonly dataOffset: number;
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly columns = new Map<string, FilterColumn>();
  /** Value keys of slots holding several values on some filter path (arrays). */
  private readonly multiValued = new Map<string, Map<string, Set<string>>>();

  constructor(readonly definition: VectorDefinition) {
    this.dims = definition.numDimensions;
    this.similarity = definition.similarity;
    this.dataOffset = Math.ceil((this.dims * 8) / 16) * 16;
    this.data = new Float32Array(0);
    this.norms = new Float64Array(0);
    this.ensureCapacity(64);
    for (const path of definition.filterPaths) {
      this.columns.set(path, { codes: new Int32Array(64), dictionary: new Map() });
    }
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
    const norm = Math.sqrt(dot(vector, vector, 0, this.dims));
    // A zero vector has no direction: Atlas refuses it for cosine, here it is just not indexed.
    if (this.similarity === 'cosine' && norm === 0) return;
    const slot = this.ids.length;
    this.ensureCapacity(slot + 1);
    this.data.set(vector, slot * this.dims);
    this.norms[slot] = norm;
    this.ids.push(idKey);
    this.slotOf.set(idKey, slot);
    for (const [path, column] of this.columns) {
      const keys = new Set(
        valuesAtPath(doc, path).flatMap((v) =>
          Array.isArray(v) ? [keyOf(v), ...v.map(keyOf)] : [keyOf(v)],
        ),
      );
      if (keys.size === 1) {
        const [key] = keys as Set<string> & { size: 1 };
        const known = column.dictionary.get(key!);
        const code = known ?? column.dictionary.size;
        if (known === undefined) column.dictionary.set(key!, code);
        column.codes[slot] = code;
      } else {
        column.codes[slot] = -1;
        const perPath = this.multiValued.get(idKey) ?? new Map<string, Set<string>>();
        perPath.set(path, keys);
        this.multiValued.set(idKey, perPath);
      }
    }
  }

  private remove(idKey: string): void {
    const slot = this.slotOf.get(idKey);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    if (slot !== last) {
      const moved = this.ids[last]!;
      this.data.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.norms[slot] = this.norms[last]!;
      for (const column of this.columns.values()) column.codes[slot] = column.codes[last]!;
      this.ids[slot] = moved;
      this.slotOf.set(moved, slot);
    }
    this.ids.pop();
    this.slotOf.delete(idKey);
    this.multiValued.delete(idKey);
  }

  private ensureCapacity(slots: number): void {
    if (slots <= this.norms.length) return;
    const capacity = Math.max(slots, Math.ceil(this.norms.length * 1.5));
    if (this.kernel) {
      // Growing wasm memory keeps its contents but detaches old views: make a new one.
      const memory = this.kernel.memory;
      const needed = this.dataOffset + capacity * this.dims * 4;
      if (needed > memory.buffer.byteLength) {
        memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
      }
      this.data = new Float32Array(memory.buffer, this.dataOffset, capacity * this.dims);
    } else {
      const data = new Float32Array(capacity * this.dims);
      data.set(this.data);
      this.data = data;
    }
    const norms = new Float64Array(capacity);
    norms.set(this.norms);
    this.norms = norms;
    for (const column of this.columns.values()) {
      const codes = new Int32Array(capacity);
      codes.set(column.codes);
      column.codes = codes;
    }
  }

  /** Whether `path` is a declared filter path of this index. */
  filters(path: string): boolean {
    return this.columns.has(path);
  }

  /**
   * Scores every vector passing the pins and `accept` and returns the best
   * `limit` as [idKey, score], best first. Scores follow Atlas: cosine
   * (1+cos)/2, dotProduct (1+dot)/2, euclidean 1/(1+distance).
   */
  search(
    query: Float32Array,
    limit: number,
    pins: Pin[] = [],
    accept: (idKey: string) => boolean = () => true,
  ): [string, number][] {
    const masks = pins.map(([path, keys]) => {
      const column = this.columns.get(path)!;
      const mask = new Uint8Array(column.dictionary.size);
      for (const key of keys) {
        const code = column.dictionary.get(key);
        if (code !== undefined) mask[code] = 1;
      }
      return { path, keys: new Set(keys), codes: column.codes, mask };
    });
    const pinned = (slot: number): boolean => {
      for (const { path, keys, codes, mask } of masks) {
        const code = codes[slot]!;
        if (code >= 0 ? mask[code] === 0 : !this.hasAny(this.ids[slot]!, path, keys)) return false;
      }
      return true;
    };
    const top = new TopK(limit);
    const queryNorm = Math.sqrt(dot(query, query, 0, this.dims));
    const score = this.scorer(query, queryNorm);
    // The common case, one pin on a single-valued column, gets a loop of its own.
    const only = masks.length === 1 ? masks[0]! : undefined;
    const count = this.ids.length;
    for (let slot = 0; slot < count; slot++) {
      if (only) {
        const code = only.codes[slot]!;
        if (code >= 0 ? only.mask[code] === 0 : !pinned(slot)) continue;
      } else if (masks.length && !pinned(slot)) {
        continue;
      }
      const s = score(slot);
      if (top.accepts(s) && accept(this.ids[slot]!)) top.push(slot, s);
    }
    return top.sorted().map(([slot, s]) => [this.ids[slot]!, s]);
  }

  /** The scoring function for one query: SIMD kernels when available, JS otherwise. */
  private scorer(query: Float32Array, queryNorm: number): (slot: number) => number {
    const { dims, norms, similarity, kernel } = this;
    const data = this.data;
    if (kernel) {
      new Float64Array(kernel.memory.buffer, 0, dims).set(query);
      const at = (slot: number) => this.dataOffset + slot * dims * 4;
      if (similarity === 'euclidean')
        return (slot) => 1 / (1 + Math.sqrt(kernel.sqdist(0, at(slot), dims)));
      if (similarity === 'dotProduct') return (slot) => (1 + kernel.dot(0, at(slot), dims)) / 2;
      return (slot) => (1 + kernel.dot(0, at(slot), dims) / (queryNorm * norms[slot]!)) / 2;
    }
    if (similarity === 'euclidean') {
      return (slot) => 1 / (1 + Math.sqrt(squaredDistance(query, data, slot * dims, dims)));
    }
    if (similarity === 'dotProduct') return (slot) => (1 + dot(query, data, slot * dims, dims)) / 2;
    return (slot) => (1 + dot(query, data, slot * dims, dims) / (queryNorm * norms[slot]!)) / 2;
  }

  private hasAny(idKey: string, path: string, keys: Set<string>): boolean {
    for (const key of this.multiValued.get(idKey)?.get(path) ?? []) if (keys.has(key)) return true;
    return false;
  }
}
