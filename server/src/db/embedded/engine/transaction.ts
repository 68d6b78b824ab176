import type { Document } from 'bson';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter } from '../query/filter';
import type { Catalog } from './catalog';
import { splitNs } from './catalog';
import { type Collection, type CollectionHandle, ID_INDEX } from './collection';
import { duplicateKey, Index } from './indexes';
import { keyOf } from './values';

/** The write-conflict error drivers retry a whole transaction on. */
export function writeConflict(ns: string): MongoCommandError {
  return new MongoCommandError(
    Codes.WriteConflict,
    `Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction. (${ns})`,
    {},
    ['TransientTransactionError'],
  );
}

/**
 * A multi-document transaction's private writes. Reads see committed data
 * plus the transaction's own writes (read committed); each document the
 * transaction writes remembers the version it started from, and commit
 * refuses with WriteConflict if anyone changed it meanwhile (first committer
 * wins). Commit applies every write in one synchronous step, so other
 * connections and the journal see all of it or none.
 */
export class Transaction {
  /** Per namespace: idKey → new document, or null for a delete. */
  readonly writes = new Map<string, Map<string, Document | null>>();
  /** Per namespace: idKey → the committed version the first write was based on. */
  private readonly seen = new Map<string, Map<string, number>>();
  readonly startedAt = Date.now();

  constructor(readonly txnNumber: bigint) {}

  /** The transaction's view of a collection. */
  view(base: Collection): TxnCollection {
    return new TxnCollection(base, this);
  }

  /** Remembers the committed version before the first write to a document. */
  touch(base: Collection, idKey: string): Map<string, Document | null> {
    const seen = this.seen.get(base.ns) ?? new Map<string, number>();
    this.seen.set(base.ns, seen);
    if (!seen.has(idKey)) seen.set(idKey, base.versions.get(idKey) ?? 0);
    const writes = this.writes.get(base.ns) ?? new Map<string, Document | null>();
    this.writes.set(base.ns, writes);
    return writes;
  }

  /** Applies every write atomically, or throws (WriteConflict, duplicate key) having applied none. */
  commit(catalog: Catalog): void {
    for (const [ns, seen] of this.seen) {
      const base = catalog.get(...splitNs(ns));
      for (const [idKey, version] of seen) {
        if ((base?.versions.get(idKey) ?? 0) !== version) throw writeConflict(ns);
      }
    }
    const undo: (() => void)[] = [];
    try {
      for (const [ns, writes] of this.writes) {
        const base = catalog.ensure(...splitNs(ns));
        for (const [idKey, doc] of writes) {
          const previous = base.docs.get(idKey);
          if (doc === null) {
            if (!previous) continue;
            base.remove(previous);
            undo.push(() => base.insert(previous));
          } else if (previous) {
            base.replace(previous, doc);
            undo.push(() => base.replace(doc, previous));
          } else {
            base.insert(doc);
            undo.push(() => base.remove(doc));
          }
        }
      }
    } catch (error) {
      // The undo entries land in the same journal frame as the writes, so disk agrees.
      for (const step of undo.reverse()) step();
      throw error;
    }
  }
}

/** A collection as one transaction sees it. */
export class TxnCollection implements CollectionHandle {
  constructor(
    readonly base: Collection,
    private readonly txn: Transaction,
  ) {}

  get db(): string {
    return this.base.db;
  }
  get name(): string {
    return this.base.name;
  }
  get ns(): string {
    return this.base.ns;
  }

  private get writes(): Map<string, Document | null> | undefined {
    return this.txn.writes.get(this.ns);
  }

  get(idKey: string): Document | undefined {
    const writes = this.writes;
    if (writes?.has(idKey)) return writes.get(idKey) ?? undefined;
    return this.base.docs.get(idKey);
  }

  count(): number {
    let n = this.base.docs.size;
    for (const [idKey, doc] of this.writes ?? []) {
      const committed = this.base.docs.has(idKey);
      if (doc && !committed) n++;
      if (!doc && committed) n--;
    }
    return n;
  }

  *all(): Iterable<Document> {
    const writes = this.writes;
    for (const [idKey, doc] of this.base.docs) {
      if (!writes?.has(idKey)) yield doc;
      else if (writes.get(idKey)) yield writes.get(idKey)!;
    }
    for (const [idKey, doc] of writes ?? []) if (doc && !this.base.docs.has(idKey)) yield doc;
  }

  find(filter: Document, limit = 0): Document[] {
    const query = compileFilter(filter);
    const writes = this.writes;
    const out: Document[] = [];
    const consider = (doc: Document) => {
      if (query.test(doc)) out.push(doc);
      return limit > 0 && out.length >= limit;
    };
    for (const doc of this.base.candidates(filter)) {
      const idKey = keyOf(doc._id);
      if (writes?.has(idKey)) continue;
      if (consider(doc)) return out;
    }
    for (const doc of writes?.values() ?? []) if (doc && consider(doc)) return out;
    return out;
  }

  private checkUnique(idKey: string, doc: Document): void {
    const writes = this.writes;
    for (const index of this.base.indexes.values()) {
      // Committed holders of the key count unless this transaction changed them.
      index.checkUnique(this.ns, idKey, doc, (owner) => writes?.has(owner) ?? false);
      if (!index.spec.unique || !writes) continue;
      const mine = new Index(index.spec);
      for (const [key, other] of writes) if (other && key !== idKey) mine.add(key, other);
      mine.checkUnique(this.ns, idKey, doc);
    }
  }

  insert(doc: Document): void {
    const idKey = keyOf(doc._id);
    if (this.get(idKey)) throw duplicateKey(this.ns, ID_INDEX, [doc._id]);
    this.checkUnique(idKey, doc);
    this.txn.touch(this.base, idKey).set(idKey, doc);
  }

  replace(previous: Document, next: Document): void {
    const idKey = keyOf(previous._id);
    if (keyOf(next._id) !== idKey) {
      throw new MongoCommandError(
        Codes.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    this.checkUnique(idKey, next);
    this.txn.touch(this.base, idKey).set(idKey, next);
  }

  remove(doc: Document): void {
    const idKey = keyOf(doc._id);
    this.txn.touch(this.base, idKey).set(idKey, null);
  }
}
