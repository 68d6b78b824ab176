import { type Document, ObjectId } from 'bson';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter } from '../query/filter';
import { duplicateKey, Index, type IndexSpec } from './indexes';
import { isPlainObject, keyOf } from './values';

/** A search index: its Atlas-shaped description and, for vector indexes, the live index. */
export interface SearchIndexEntry {
  spec: Document;
  /** Detaches the live index from the collection. */
  dispose(): void;
  /** The live index (a VectorIndex for `vectorSearch`), if any. */
  live?: unknown;
}

/** The `_id` index every collection has. */
export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** One change to durable state, as the journal records it. */
export type Change =
  | { op: 'put'; ns: string; doc: Document }
  | { op: 'del'; ns: string; id: unknown };

/** Receives every change a collection makes, in order (the persistence layer). */
export type ChangeSink = (change: Change) => void;

/** Sees every document change, recovery included (vector indexes keep in step this way). */
export type DocumentObserver = (
  idKey: string,
  before: Document | undefined,
  after: Document | undefined,
) => void;

/**
 * What command handlers use to read and write one collection. A collection
 * is its own handle; inside a transaction the handle is a private overlay
 * over it (see transaction.ts).
 */
export interface CollectionHandle {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  /** The shared collection (indexes, search indexes, committed documents). */
  readonly base: Collection;
  /** Number of documents visible through this handle. */
  count(): number;
  /** Every visible document in natural order. */
  all(): Iterable<Document>;
  /** The visible document with this `_id` key. */
  get(idKey: string): Document | undefined;
  /** Matching visible documents in natural order (`limit` 0 = all). */
  find(filter: Document, limit?: number): Document[];
  insert(doc: Document): void;
  replace(previous: Document, next: Document): void;
  remove(doc: Document): void;
}

/**
 * A collection in memory: documents by `_id` (natural order = insertion
 * order) and the secondary indexes kept in step with them. Documents are
 * replaced, never mutated, so a cursor may keep references to them.
 */
export class Collection implements CollectionHandle {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  /** Bumped on every write; transactions use it to detect conflicting writes. */
  readonly versions = new Map<string, number>();
  /** Search indexes (`createSearchIndexes`), by name. */
  readonly searchIndexes = new Map<string, SearchIndexEntry>();
  /** Notified of every document change, after indexes are updated. */
  readonly observers = new Set<DocumentObserver>();
  private clock = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document,
    private readonly sink: ChangeSink,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get base(): Collection {
    return this;
  }

  count(): number {
    return this.docs.size;
  }

  all(): Iterable<Document> {
    return this.docs.values();
  }

  get(idKey: string): Document | undefined {
    return this.docs.get(idKey);
  }

  /** Every index spec, `_id_` first. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /** Builds an index over the existing documents; fails without side effects on a duplicate. */
  addIndex(spec: IndexSpec, trusted = false): void {
    const index = new Index(spec);
    // Recovery passes `trusted`: replayed states were valid when written.
    if (!trusted) {
      const probe = new Index(spec);
      for (const [id, doc] of this.docs) {
        probe.checkUnique(this.ns, id, doc);
        probe.add(id, doc);
      }
    }
    for (const [id, doc] of this.docs) index.add(id, doc);
    this.indexes.set(spec.name, index);
  }

  /** Validates `_id` and puts it first, generating an ObjectId when absent. */
  static prepareForInsert(doc: Document): Document {
    if (!isPlainObject(doc))
      throw new MongoCommandError(Codes.BadValue, 'document must be an object');
    const id = doc._id === undefined ? new ObjectId() : doc._id;
    if (Array.isArray(id)) {
      throw new MongoCommandError(Codes.InvalidIdField, 'The _id field cannot be an array');
    }
    if (id instanceof RegExp) {
      throw new MongoCommandError(
        Codes.InvalidIdField,
        'The _id field cannot be a regular expression',
      );
    }
    if (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))) {
      throw new MongoCommandError(
        Codes.DollarPrefixedFieldName,
        "_id fields may not contain '$'-prefixed fields",
      );
    }
    const { _id: _, ...rest } = doc;
    return { _id: id, ...rest };
  }

  /** Inserts a prepared document, enforcing `_id` and unique indexes. */
  insert(doc: Document): void {
    const idKey = keyOf(doc._id);
    if (this.docs.has(idKey)) throw duplicateKey(this.ns, ID_INDEX, [doc._id]);
    for (const index of this.indexes.values()) index.checkUnique(this.ns, idKey, doc);
    this.store(idKey, doc);
  }

  /** Replaces the document with the same `_id`, enforcing unique indexes. */
  replace(previous: Document, next: Document): void {
    const idKey = keyOf(previous._id);
    if (keyOf(next._id) !== idKey) {
      throw new MongoCommandError(
        Codes.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    for (const index of this.indexes.values()) index.checkUnique(this.ns, idKey, next);
    for (const index of this.indexes.values()) index.remove(idKey, previous);
    this.store(idKey, next);
  }

  /** Removes a document by its stored value. */
  remove(doc: Document): void {
    const idKey = keyOf(doc._id);
    if (!this.docs.delete(idKey)) return;
    for (const index of this.indexes.values()) index.remove(idKey, doc);
    this.versions.set(idKey, ++this.clock);
    for (const observe of this.observers) observe(idKey, doc, undefined);
    this.sink({ op: 'del', ns: this.ns, id: doc._id });
  }

  private store(idKey: string, doc: Document): void {
    const before = this.docs.get(idKey);
    this.docs.set(idKey, doc);
    for (const index of this.indexes.values()) index.add(idKey, doc);
    this.versions.set(idKey, ++this.clock);
    for (const observe of this.observers) observe(idKey, before, doc);
    this.sink({ op: 'put', ns: this.ns, doc });
  }

  /** Loads a document during recovery: no journal entry, last write wins. */
  restore(doc: Document): void {
    const idKey = keyOf(doc._id);
    const previous = this.docs.get(idKey);
    if (previous) for (const index of this.indexes.values()) index.remove(idKey, previous);
    this.docs.set(idKey, doc);
    for (const index of this.indexes.values()) index.add(idKey, doc);
    for (const observe of this.observers) observe(idKey, previous, doc);
  }

  /** Removes a document during recovery. */
  restoreDelete(id: unknown): void {
    const idKey = keyOf(id);
    const previous = this.docs.get(idKey);
    if (!previous) return;
    this.docs.delete(idKey);
    for (const index of this.indexes.values()) index.remove(idKey, previous);
    for (const observe of this.observers) observe(idKey, previous, undefined);
  }

  /**
   * The documents that may match `filter`, narrowed by `_id` or an index when
   * the filter has a top-level equality or `$in` on an indexed field; the
   * caller still tests each one.
   */
  candidates(filter: Document): Iterable<Document> {
    const idKeys = this.narrow(filter);
    if (!idKeys) return this.docs.values();
    const out: Document[] = [];
    for (const key of idKeys) {
      const doc = this.docs.get(key);
      if (doc) out.push(doc);
    }
    return out;
  }

  private narrow(filter: Document): Iterable<string> | undefined {
    const ids = equalityKeys(filter._id);
    if (ids) return ids;
    let best: Set<string> | undefined;
    for (const index of this.indexes.values()) {
      const keys = equalityKeys(filter[index.fields[0]!]);
      if (!keys) continue;
      const found = index.lookup(keys);
      if (found && (!best || found.size < best.size)) best = found;
    }
    return best;
  }

  /** Matching documents in natural order. */
  find(filter: Document, limit = 0): Document[] {
    const query = compileFilter(filter);
    const out: Document[] = [];
    for (const doc of this.candidates(filter)) {
      if (query.test(doc)) {
        out.push(doc);
        if (limit && out.length >= limit) break;
      }
    }
    return out;
  }
}

/** Value keys a filter entry pins a field to (plain equality, `$eq`, `$in`), or undefined. */
function equalityKeys(condition: unknown): string[] | undefined {
  const indexable = (v: unknown) =>
    v !== undefined && !(v instanceof RegExp) && !Array.isArray(v) && !isPlainObject(v);
  if (isPlainObject(condition)) {
    const ops = Object.keys(condition);
    if (ops.length !== 1) return undefined;
    if (ops[0] === '$eq' && indexable(condition.$eq)) return [keyOf(condition.$eq)];
    if (ops[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(indexable)) {
      return condition.$in.map(keyOf);
    }
    return undefined;
  }
  return indexable(condition) ? [keyOf(condition)] : undefined;
}
