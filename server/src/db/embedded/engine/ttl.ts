import type { Catalog } from './catalog';
import { valuesAtPath } from './values';

/** Removes every expired document once; returns how many went. */
export function sweepExpired(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const db of catalog.databaseNames()) {
    for (const collection of catalog.collections(db)) {
      for (const index of collection.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        // As in MongoDB: only single-field TTL indexes, only Date values (the earliest of an array).
        if (seconds === undefined || index.fields.length !== 1) continue;
        const path = index.fields[0]!;
        const cutoff = now - seconds * 1000;
        const expired = [];
        for (const doc of collection.docs.values()) {
          const dates = valuesAtPath(doc, path)
            .flatMap((v) => (Array.isArray(v) ? v : [v]))
            .filter((v): v is Date => v instanceof Date);
          if (dates.length && Math.min(...dates.map((d) => d.getTime())) <= cutoff)
            expired.push(doc);
        }
        for (const doc of expired) collection.remove(doc);
        removed += expired.length;
      }
    }
  }
  return removed;
}

/**
 * The TTL monitor: sweeps every `intervalMs` (MongoDB's runs every 60 s; the
 * default here is 10 s so expiry lands well within a minute), then makes the
 * deletions durable. Returns the function that stops it.
 */
export function startTtlMonitor(
  catalog: Catalog,
  intervalMs: number,
  flush: () => Promise<void>,
  onError: (error: unknown) => void = () => {},
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    try {
      if (sweepExpired(catalog) > 0)
        void flush()
          .catch(onError)
          .finally(() => (running = false));
      else running = false;
    } catch (error) {
      running = false;
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
