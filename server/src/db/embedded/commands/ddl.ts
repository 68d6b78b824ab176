import type { Document } from 'bson';
import { normaliseIndexSpec, sameIndex } from '../engine/indexes';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter } from '../query/filter';
import { type CommandTable, collectionName } from './context';

const supportedCreateOptions = new Set([
  'create',
  'writeConcern',
  'lsid',
  '$db',
  'comment',
  '$clusterTime',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$readPreference',
  'validator',
  'validationLevel',
  'validationAction',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

/** Collections, databases and indexes. */
export const ddlCommands: CommandTable = {
  listDatabases(command, context) {
    const names = context.catalog.databaseNames();
    const databases = names.map((name) => ({ name, sizeOnDisk: 0, empty: false }));
    return command.nameOnly
      ? { databases: databases.map(({ name }) => ({ name })), ok: 1 }
      : { databases, totalSize: 0, ok: 1 };
  },

  listCollections(command, context) {
    const infos = context.catalog.collections(context.db).map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }));
    const filter = compileFilter((command.filter as Document | undefined) ?? {});
    const docs = infos.filter((info) => filter.test(info));
    const shown = command.nameOnly ? docs.map(({ name, type }) => ({ name, type })) : docs;
    const batchSize = (command.cursor as Document | undefined)?.batchSize as number | undefined;
    const batch = context.cursors.first(`${context.db}.$cmd.listCollections`, shown, batchSize);
    return { cursor: { firstBatch: batch.docs, id: batch.id, ns: batch.ns }, ok: 1 };
  },

  create(command, context) {
    const name = collectionName(command, 'create');
    for (const option of Object.keys(command)) {
      if (!supportedCreateOptions.has(option)) {
        throw new MongoCommandError(
          Codes.NotImplemented,
          `create option '${option}' is not supported by the Parley embedded store`,
        );
      }
    }
    if (command.validator) {
      throw new MongoCommandError(
        Codes.NotImplemented,
        'collection validators are not supported by the Parley embedded store (validate in the schema)',
      );
    }
    context.catalog.create(context.db, name, {});
    return { ok: 1 };
  },

  drop(command, context) {
    const name = collectionName(command, 'drop');
    const collection = context.catalog.get(context.db, name);
    // Since MongoDB 7.0 dropping a missing collection succeeds.
    if (!collection) return { ok: 1 };
    const nIndexesWas = collection.indexes.size + 1;
    context.catalog.drop(context.db, name);
    return { ns: `${context.db}.${name}`, nIndexesWas, ok: 1 };
  },

  dropDatabase(_command, context) {
    context.catalog.dropDatabase(context.db);
    return { dropped: context.db, ok: 1 };
  },

  createIndexes(command, context) {
    const name = collectionName(command, 'createIndexes');
    const raw = command.indexes;
    if (!Array.isArray(raw) || raw.length === 0) {
      throw new MongoCommandError(Codes.BadValue, 'Must specify at least one index to create');
    }
    const existed = context.catalog.get(context.db, name);
    const collection = context.catalog.ensure(context.db, name);
    const before = collection.indexes.size + 1;
    const specs = raw.map((r) => normaliseIndexSpec(r as Document));
    for (const spec of specs) {
      if (spec.name === '_id_') continue;
      const sameName = collection.indexes.get(spec.name);
      const sameKey = [...collection.indexes.values()].find(
        (i) => JSON.stringify(i.spec.key) === JSON.stringify(spec.key),
      );
      if (sameName && sameIndex(sameName.spec, spec)) continue;
      if (sameName) {
        throw new MongoCommandError(
          Codes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index but different options: ${spec.name}`,
        );
      }
      if (sameKey) {
        if (sameIndex(sameKey.spec, spec)) continue;
        throw new MongoCommandError(
          Codes.IndexOptionsConflict,
          `An equivalent index already exists with a different name and options: ${sameKey.spec.name}`,
        );
      }
      collection.addIndex(spec);
      context.catalog.record({ op: 'index', ns: collection.ns, spec });
    }
    return {
      numIndexesBefore: before,
      numIndexesAfter: collection.indexes.size + 1,
      createdCollectionAutomatically: !existed,
      ok: 1,
    };
  },

  listIndexes(command, context) {
    const name = collectionName(command, 'listIndexes');
    const collection = context.catalog.get(context.db, name);
    if (!collection) {
      throw new MongoCommandError(
        Codes.NamespaceNotFound,
        `ns does not exist: ${context.db}.${name}`,
      );
    }
    const batchSize = (command.cursor as Document | undefined)?.batchSize as number | undefined;
    const batch = context.cursors.first(
      `${context.db}.${name}`,
      collection.indexSpecs(),
      batchSize,
    );
    return { cursor: { firstBatch: batch.docs, id: batch.id, ns: batch.ns }, ok: 1 };
  },

  dropIndexes(command, context) {
    const name = collectionName(command, 'dropIndexes');
    const collection = context.catalog.get(context.db, name);
    if (!collection) {
      throw new MongoCommandError(Codes.NamespaceNotFound, `ns not found ${context.db}.${name}`);
    }
    const nIndexesWas = collection.indexes.size + 1;
    const target = command.index;
    let names: string[];
    if (target === '*') names = [...collection.indexes.keys()];
    else if (typeof target === 'string') names = [target];
    else if (Array.isArray(target)) names = target.map(String);
    else {
      const match = [...collection.indexes.values()].find(
        (i) => JSON.stringify(i.spec.key) === JSON.stringify(target),
      );
      if (!match)
        throw new MongoCommandError(
          Codes.IndexNotFound,
          `can't find index with key: ${JSON.stringify(target)}`,
        );
      names = [match.spec.name];
    }
    for (const indexName of names) {
      if (indexName === '_id_')
        throw new MongoCommandError(Codes.InvalidOptions, 'cannot drop _id index');
      if (!collection.indexes.has(indexName)) {
        throw new MongoCommandError(
          Codes.IndexNotFound,
          `index not found with name [${indexName}]`,
        );
      }
    }
    for (const indexName of names) {
      collection.indexes.delete(indexName);
      context.catalog.record({ op: 'dropIndex', ns: collection.ns, name: indexName });
    }
    return { nIndexesWas, ok: 1 };
  },

  collStats(command, context) {
    const name = collectionName(command, 'collStats');
    const collection = context.catalog.get(context.db, name);
    return {
      ns: `${context.db}.${name}`,
      count: collection?.docs.size ?? 0,
      size: 0,
      storageSize: 0,
      nindexes: (collection?.indexes.size ?? 0) + 1,
      ok: 1,
    };
  },

  dbStats(_command, context) {
    const collections = context.catalog.collections(context.db);
    return {
      db: context.db,
      collections: collections.length,
      objects: collections.reduce((n, c) => n + c.docs.size, 0),
      ok: 1,
    };
  },
};
