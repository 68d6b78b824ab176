import type { Document } from 'bson';
import { Codes, MongoCommandError } from '../errors';
import { type Change, Collection } from './collection';
import type { IndexSpec } from './indexes';

/** A catalogue change (collections and indexes), as the journal records it. */
export type CatalogChange =
  | { op: 'create'; ns: string; options: Document }
  | { op: 'drop'; ns: string }
  | { op: 'index'; ns: string; spec: IndexSpec }
  | { op: 'dropIndex'; ns: string; name: string }
  | { op: 'searchIndex'; ns: string; spec: Document }
  | { op: 'dropSearchIndex'; ns: string; name: string };

/** Anything the journal must persist. */
export type JournalEntry = Change | CatalogChange;

const validName = /^[^\0$]+$/;

/** Splits `db.coll` at the first dot. */
export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

/**
 * All databases and collections of one store. Every change is reported to
 * `sink` synchronously, in order, so the journal sees exactly what memory holds.
 */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  constructor(private readonly sink: (entry: JournalEntry) => void = () => {}) {}

  /** Database names that hold at least one collection. */
  databaseNames(): string[] {
    return [...this.dbs.entries()].filter(([, c]) => c.size > 0).map(([name]) => name);
  }

  /** The collections of one database. */
  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  /** A collection if it exists. */
  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** A collection, created implicitly (as MongoDB does on first write). */
  ensure(db: string, name: string, options: Document = {}): Collection {
    return this.get(db, name) ?? this.create(db, name, options);
  }

  /** Creates a collection; NamespaceExists if it already does. */
  create(db: string, name: string, options: Document = {}, journal = true): Collection {
    if (!validName.test(db) || !validName.test(name) || db.includes('.') || db.length > 64) {
      throw new MongoCommandError(
        Codes.InvalidNamespace,
        `Invalid namespace specified '${db}.${name}'`,
      );
    }
    if (this.get(db, name)) {
      throw new MongoCommandError(
        Codes.NamespaceExists,
        `Collection ${db}.${name} already exists.`,
      );
    }
    const collections = this.dbs.get(db) ?? new Map<string, Collection>();
    this.dbs.set(db, collections);
    const collection = new Collection(db, name, options, this.sink);
    collections.set(name, collection);
    if (journal) this.sink({ op: 'create', ns: collection.ns, options });
    return collection;
  }

  /** Drops a collection; returns whether it existed. */
  drop(db: string, name: string, journal = true): boolean {
    const existed = this.dbs.get(db)?.delete(name) ?? false;
    if (existed && journal) this.sink({ op: 'drop', ns: `${db}.${name}` });
    return existed;
  }

  /** Drops every collection of a database. */
  dropDatabase(db: string): void {
    for (const name of [...(this.dbs.get(db)?.keys() ?? [])]) this.drop(db, name);
    this.dbs.delete(db);
  }

  /** Records a catalogue change made directly on a collection (indexes). */
  record(entry: CatalogChange): void {
    this.sink(entry);
  }
}
