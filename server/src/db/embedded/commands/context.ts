import type { Document } from 'bson';
import type { Catalog } from '../engine/catalog';
import type { CollectionHandle } from '../engine/collection';
import type { CursorManager } from '../engine/cursors';
import { Codes, MongoCommandError } from '../errors';

/** What every command handler may use. */
export interface CommandContext {
  catalog: Catalog;
  cursors: CursorManager;
  /** The database the command runs against (`$db`). */
  db: string;
  /** The connection's number, reported by hello. */
  connectionId: number;
  /** host:port clients reach this store on. */
  host: string;
  /** Extension point for features implemented outside the core commands (vector search). */
  services: Record<string, unknown>;
  /**
   * The collection a CRUD command reads and writes, created on demand when
   * `create` is set. Inside a transaction this is the transaction's view.
   */
  collection(name: string, create?: boolean): CollectionHandle | undefined;
}

/** The default {@link CommandContext.collection}: the shared collections of `db`. */
export function sharedCollections(catalog: Catalog, db: () => string) {
  return (name: string, create = false): CollectionHandle | undefined =>
    create ? catalog.ensure(db(), name) : catalog.get(db(), name);
}

/** A command implementation: the request body in, the reply body out (errors are thrown). */
export type CommandHandler = (
  command: Document,
  context: CommandContext,
) => Document | Promise<Document>;

/** A handler table, keyed by command name. */
export type CommandTable = Record<string, CommandHandler>;

/** The command's target collection name (`{ find: "users" }` → "users"). */
export function collectionName(command: Document, name: string): string {
  const value = command[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MongoCommandError(
      Codes.InvalidNamespace,
      `collection name has invalid type ${Array.isArray(value) ? 'array' : typeof value}`,
    );
  }
  return value;
}

/** Refuses a non-simple collation: the store compares strings by code point only. */
export function rejectCollation(collation: unknown): void {
  if (collation && (collation as Document).locale !== 'simple') {
    throw new MongoCommandError(
      Codes.NotImplemented,
      'collation is not supported by the Parley embedded store (strings compare by code point)',
    );
  }
}

/** A positive integer option (batchSize, limit), or undefined. */
export function intOption(command: Document, name: string): number | undefined {
  const value = command[name];
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new MongoCommandError(Codes.BadValue, `${name} must be a non-negative number`);
  }
  return Math.trunc(n);
}
