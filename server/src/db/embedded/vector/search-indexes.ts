import { type Document, ObjectId } from 'bson';
import { sourceStages } from '../commands/aggregate';
import { type CommandTable, collectionName } from '../commands/context';
import type { Collection, SearchIndexEntry } from '../engine/collection';
import { isPlainObject } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter } from '../query/filter';
import { parseVectorDefinition, searchIndexSpec } from './definition';
import { vectorSearchStage } from './search-stage';
import { VectorIndex } from './vector-index';

/**
 * Attaches a search index to a collection: for `vectorSearch`, builds the
 * live vector index over the existing documents and keeps it in step with
 * every later change. Replaces an index of the same name.
 */
export function attachSearchIndex(collection: Collection, spec: Document): void {
  collection.searchIndexes.get(spec.name)?.dispose();
  const entry: SearchIndexEntry = { spec, dispose: () => {} };
  if (spec.type === 'vectorSearch') {
    const index = new VectorIndex(parseVectorDefinition(spec.definition));
    for (const [idKey, doc] of collection.docs) index.update(idKey, undefined, doc);
    const observer = (idKey: string, before: Document | undefined, after: Document | undefined) =>
      index.update(idKey, before, after);
    collection.observers.add(observer);
    entry.live = index;
    entry.dispose = () => collection.observers.delete(observer);
  }
  collection.searchIndexes.set(spec.name, entry);
}

function existing(collection: Collection | undefined, db: string, name: string): Collection {
  // Atlas refuses search indexes on a collection that does not exist.
  if (!collection)
    throw new MongoCommandError(
      Codes.NamespaceNotFound,
      `Collection '${db}.${name}' does not exist.`,
    );
  return collection;
}

function findEntry(collection: Collection, command: Document): SearchIndexEntry {
  const entry =
    typeof command.name === 'string'
      ? collection.searchIndexes.get(command.name)
      : [...collection.searchIndexes.values()].find((e) => e.spec.id === command.id);
  if (!entry) {
    throw new MongoCommandError(
      Codes.IndexNotFound,
      `Search index ${JSON.stringify(command.name ?? command.id)} not found on ${collection.ns}`,
    );
  }
  return entry;
}

/** Atlas's search-index commands. */
export const searchIndexCommands: CommandTable = {
  createSearchIndexes(command, context) {
    const name = collectionName(command, 'createSearchIndexes');
    const collection = existing(context.catalog.get(context.db, name), context.db, name);
    if (!Array.isArray(command.indexes) || command.indexes.length === 0) {
      throw new MongoCommandError(
        Codes.BadValue,
        'createSearchIndexes needs a non-empty "indexes" array',
      );
    }
    const specs = command.indexes.map((raw) => searchIndexSpec(raw, new ObjectId().toHexString()));
    for (const spec of specs) {
      if (collection.searchIndexes.has(spec.name)) {
        throw new MongoCommandError(
          Codes.IndexKeySpecsConflict,
          `Duplicate Index: a search index named "${spec.name}" already exists on ${collection.ns}`,
        );
      }
    }
    for (const spec of specs) {
      attachSearchIndex(collection, spec);
      context.catalog.record({ op: 'searchIndex', ns: collection.ns, spec });
    }
    return { indexesCreated: specs.map(({ id, name }) => ({ id, name })), ok: 1 };
  },

  updateSearchIndex(command, context) {
    const name = collectionName(command, 'updateSearchIndex');
    const collection = existing(context.catalog.get(context.db, name), context.db, name);
    const entry = findEntry(collection, command);
    const spec = searchIndexSpec(
      { name: entry.spec.name, type: entry.spec.type, definition: command.definition },
      entry.spec.id,
    );
    attachSearchIndex(collection, spec);
    context.catalog.record({ op: 'searchIndex', ns: collection.ns, spec });
    return { ok: 1 };
  },

  dropSearchIndex(command, context) {
    const name = collectionName(command, 'dropSearchIndex');
    const collection = existing(context.catalog.get(context.db, name), context.db, name);
    const entry = findEntry(collection, command);
    entry.dispose();
    collection.searchIndexes.delete(entry.spec.name);
    context.catalog.record({ op: 'dropSearchIndex', ns: collection.ns, name: entry.spec.name });
    return { ok: 1 };
  },
};

/** `$listSearchIndexes`: the collection's search indexes in Atlas's shape, all READY. */
function listSearchIndexes(spec: unknown, collection: Collection | undefined): Document[] {
  if (!isPlainObject(spec))
    throw new MongoCommandError(Codes.FailedToParse, '$listSearchIndexes must be a document');
  const filter = compileFilter(
    spec.name !== undefined ? { name: spec.name } : spec.id !== undefined ? { id: spec.id } : {},
  );
  return [...(collection?.searchIndexes.values() ?? [])]
    .map(({ spec: s }) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      status: 'READY',
      queryable: true,
      latestDefinitionVersion: { version: 0 },
      latestDefinition: s.definition,
    }))
    .filter((d) => filter.test(d));
}

sourceStages.$vectorSearch = (spec, collection) => vectorSearchStage(spec, collection);
sourceStages.$listSearchIndexes = (spec, collection) => listSearchIndexes(spec, collection);
