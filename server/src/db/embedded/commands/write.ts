import type { Document } from 'bson';
import { Collection, type CollectionHandle } from '../engine/collection';
import { applyUpdate, isReplacement, upsertDocument } from '../engine/update';
import { keyOf } from '../engine/values';
import { Codes, MongoCommandError, toCommandError } from '../errors';
import { type CommandContext, type CommandTable, collectionName, rejectCollation } from './context';

function statements(command: Document, field: string): Document[] {
  const value = command[field];
  if (!Array.isArray(value)) {
    throw new MongoCommandError(
      Codes.FailedToParse,
      `BSON field '${field}' is missing or not an array`,
    );
  }
  return value as Document[];
}

/** One update statement applied to a collection; returns counts and the upserted id if any. */
export function runUpdate(
  collection: CollectionHandle,
  statement: Document,
): { n: number; nModified: number; upserted?: unknown } {
  const { q: filter = {}, u: update, upsert = false, multi = false } = statement;
  rejectCollation(statement.collation);
  if (update === undefined || update === null || typeof update !== 'object') {
    throw new MongoCommandError(Codes.FailedToParse, 'update statement needs a `u` document');
  }
  if (multi && isReplacement(update)) {
    throw new MongoCommandError(
      Codes.FailedToParse,
      'multi update is not supported for replacement-style update',
    );
  }
  const options = { arrayFilters: statement.arrayFilters as Document[] | undefined, filter };
  const matches = collection.find(filter, multi ? 0 : 1);
  if (matches.length === 0) {
    if (!upsert) return { n: 0, nModified: 0 };
    const doc = Collection.prepareForInsert(upsertDocument(filter, update, options));
    collection.insert(doc);
    return { n: 1, nModified: 0, upserted: doc._id };
  }
  let nModified = 0;
  for (const doc of matches) {
    const next = applyUpdate(doc, update, options);
    if (next === doc || keyOf(next) === keyOf(doc)) continue;
    collection.replace(doc, next);
    nModified++;
  }
  return { n: matches.length, nModified };
}

/** Runs statements in order, collecting MongoDB-shaped `writeErrors`. */
function eachStatement(
  command: Document,
  docs: Document[],
  run: (doc: Document, index: number) => void,
): Document[] {
  const ordered = command.ordered !== false;
  const writeErrors: Document[] = [];
  for (let index = 0; index < docs.length; index++) {
    try {
      run(docs[index]!, index);
    } catch (error) {
      writeErrors.push(toCommandError(error).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

function target(command: Document, name: string, context: CommandContext): CollectionHandle {
  return context.collection(collectionName(command, name), true)!;
}

/** insert, update and delete. */
export const writeCommands: CommandTable = {
  insert(command, context) {
    const docs = statements(command, 'documents');
    const collection = target(command, 'insert', context);
    let n = 0;
    const writeErrors = eachStatement(command, docs, (raw) => {
      collection.insert(Collection.prepareForInsert(raw));
      n++;
    });
    return withErrors({ n }, writeErrors);
  },

  update(command, context) {
    const updates = statements(command, 'updates');
    const collection = target(command, 'update', context);
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors = eachStatement(command, updates, (statement, index) => {
      const result = runUpdate(collection, statement);
      n += result.n;
      nModified += result.nModified;
      if (result.upserted !== undefined) upserted.push({ index, _id: result.upserted });
    });
    const reply: Document = { n, nModified };
    if (upserted.length) reply.upserted = upserted;
    return withErrors(reply, writeErrors);
  },

  delete(command, context) {
    const deletes = statements(command, 'deletes');
    const collection = context.collection(collectionName(command, 'delete'));
    let n = 0;
    const writeErrors = eachStatement(command, deletes, (statement) => {
      rejectCollation(statement.collation);
      const limit = Number(statement.limit ?? 0);
      if (limit !== 0 && limit !== 1) {
        throw new MongoCommandError(
          Codes.FailedToParse,
          'The limit field in delete objects must be 0 or 1',
        );
      }
      if (!collection) return;
      for (const doc of collection.find((statement.q as Document) ?? {}, limit)) {
        collection.remove(doc);
        n++;
      }
    });
    return withErrors({ n }, writeErrors);
  },
};
