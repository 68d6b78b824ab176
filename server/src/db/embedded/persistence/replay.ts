import type { Document } from 'bson';
import { type Catalog, splitNs } from '../engine/catalog';
import type { Collection } from '../engine/collection';
import type { IndexSpec } from '../engine/indexes';
import { attachSearchIndex } from '../vector/search-indexes';

function collection(catalog: Catalog, ns: string): Collection {
  const [db, name] = splitNs(ns);
  return catalog.get(db, name) ?? catalog.create(db, name, {}, false);
}

/**
 * Applies one journal or snapshot entry to memory without journaling it.
 * Every entry is idempotent (put is last-write-wins, delete of a missing
 * document is a no-op, existing collections and indexes are kept), so an
 * entry present both in a snapshot and in the journal after it is harmless.
 */
export function applyEntry(catalog: Catalog, entry: Document): void {
  switch (entry.op) {
    case 'put':
      collection(catalog, entry.ns).restore(entry.doc);
      return;
    case 'del':
      catalog.get(...splitNs(entry.ns))?.restoreDelete(entry.id);
      return;
    case 'create':
      collection(catalog, entry.ns);
      return;
    case 'drop':
      catalog.drop(...splitNs(entry.ns), false);
      return;
    case 'index': {
      const target = collection(catalog, entry.ns);
      const spec = entry.spec as IndexSpec;
      if (!target.indexes.has(spec.name)) target.addIndex(spec, true);
      return;
    }
    case 'dropIndex':
      catalog.get(...splitNs(entry.ns))?.indexes.delete(entry.name);
      return;
    case 'searchIndex':
      attachSearchIndex(collection(catalog, entry.ns), entry.spec);
      return;
    case 'dropSearchIndex': {
      const target = catalog.get(...splitNs(entry.ns));
      target?.searchIndexes.get(entry.name)?.dispose();
      target?.searchIndexes.delete(entry.name);
      return;
    }
  }
}
