import type { Document } from 'bson';
import { Collection } from '../engine/collection';
import { applyUpdate, isReplacement, upsertDocument } from '../engine/update';
import { Codes, MongoCommandError } from '../errors';
import { type SortSpec, sortDocuments } from '../query/compare';
import { projector } from '../query/projection';
import { type CommandTable, collectionName, rejectCollation } from './context';

/** findAndModify: one document found, then updated, replaced or removed atomically. */
export const findAndModifyCommands: CommandTable = {
  findAndModify(command, context) {
    const name = collectionName(command, 'findAndModify');
    rejectCollation(command.collation);
    const filter = (command.query as Document | undefined) ?? {};
    const update = command.update as Document | Document[] | undefined;
    const remove = command.remove === true;
    if (remove === (update !== undefined)) {
      throw new MongoCommandError(
        Codes.FailedToParse,
        'Either an update or remove=true must be specified',
      );
    }
    if (remove && (command.upsert || command.new)) {
      throw new MongoCommandError(
        Codes.FailedToParse,
        'Cannot specify both an update and remove=true',
      );
    }
    if (update !== undefined && !Array.isArray(update)) isReplacement(update);
    const project = projector(command.fields);
    const shown = (doc: Document | undefined) => (doc ? (project([doc])[0] ?? null) : null);
    const collection = context.collection(name, true)!;
    let matches = collection.find(filter, command.sort ? 0 : 1);
    if (command.sort && Object.keys(command.sort).length)
      matches = sortDocuments(matches, command.sort as SortSpec);
    const found = matches[0];

    if (remove) {
      if (found) collection.remove(found);
      return { lastErrorObject: { n: found ? 1 : 0 }, value: shown(found), ok: 1 };
    }
    const options = { arrayFilters: command.arrayFilters as Document[] | undefined, filter };
    if (!found) {
      if (!command.upsert) {
        return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
      }
      const doc = Collection.prepareForInsert(upsertDocument(filter, update!, options));
      collection.insert(doc);
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: command.new ? shown(doc) : null,
        ok: 1,
      };
    }
    const next = applyUpdate(found, update!, options);
    if (next !== found) collection.replace(found, next);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: shown(command.new ? next : found),
      ok: 1,
    };
  },
};
