/**
 * A small least-recently-used cache (a Map keeps insertion order, so the
 * first key is the oldest). Chunks are immutable once stored (a new version
 * gets new ids), so their derived features can be cached by id or text.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The cached value, computing and storing it on a miss. */
  get(key: K, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = compute();
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
    return value;
  }
}
