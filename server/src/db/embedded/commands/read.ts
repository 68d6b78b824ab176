import type { Document, Long } from 'bson';
import { keyOf, valuesAtPath } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';
import { type SortSpec, sortDocuments } from '../query/compare';
import { projector } from '../query/projection';
import { type CommandTable, collectionName, intOption, rejectCollation } from './context';

/** The `cursor` reply document. */
export function cursorReply(
  batch: { id: Long; ns: string; docs: Document[] },
  first: boolean,
): Document {
  return {
    cursor: { [first ? 'firstBatch' : 'nextBatch']: batch.docs, id: batch.id, ns: batch.ns },
    ok: 1,
  };
}

/** A cursor id as it arrives: a Long, or a JS number when bson promoted it. */
function cursorId(value: unknown): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (value && typeof (value as Long).toBigInt === 'function') return (value as Long).toBigInt();
  throw new MongoCommandError(Codes.TypeMismatch, 'cursor id must be a 64-bit integer');
}

const refusedFindOptions: Record<string, string> = {
  tailable: 'tailable cursors',
  awaitData: 'tailable cursors',
  min: 'find with min',
  max: 'find with max',
  returnKey: 'returnKey',
  showRecordId: 'showRecordId',
};

function validateSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (typeof sort !== 'object' || Array.isArray(sort)) {
    throw new MongoCommandError(Codes.TypeMismatch, 'sort must be an object');
  }
  for (const [field, dir] of Object.entries(sort)) {
    const meta = typeof dir === 'object' && dir !== null && '$meta' in dir;
    if (!meta && dir !== 1 && dir !== -1) {
      throw new MongoCommandError(
        Codes.BadValue,
        `$sort key ordering must be 1 (for ascending) or -1 (for descending) (field ${field})`,
      );
    }
  }
  return Object.keys(sort).length ? (sort as SortSpec) : undefined;
}

/** find, getMore, killCursors, count and distinct. */
export const readCommands: CommandTable = {
  find(command, context) {
    const name = collectionName(command, 'find');
    rejectCollation(command.collation);
    for (const [option, feature] of Object.entries(refusedFindOptions)) {
      if (command[option]) {
        throw new MongoCommandError(
          Codes.NotImplemented,
          `${feature} are not supported by the Parley embedded store`,
        );
      }
    }
    const filter = (command.filter as Document | undefined) ?? {};
    const sort = validateSort(command.sort);
    const skip = intOption(command, 'skip') ?? 0;
    let limit = Number(command.limit ?? 0);
    let singleBatch = command.singleBatch === true;
    if (limit < 0) {
      limit = -limit;
      singleBatch = true;
    }
    const project = projector(command.projection);
    const collection = context.collection(name);
    const ns = `${context.db}.${name}`;
    if (!collection) return cursorReply(context.cursors.first(ns, [], 0), true);
    let docs = collection.find(filter, sort || skip ? 0 : limit);
    if (sort) docs = sortDocuments(docs, sort);
    if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
    const batch = context.cursors.first(
      ns,
      docs,
      intOption(command, 'batchSize'),
      project,
      singleBatch,
    );
    return cursorReply(batch, true);
  },

  getMore(command, context) {
    const name = collectionName(command, 'collection');
    const id = cursorId(command.getMore);
    const batch = context.cursors.more(
      id,
      `${context.db}.${name}`,
      intOption(command, 'batchSize'),
    );
    return cursorReply(batch, false);
  },

  killCursors(command, context) {
    collectionName(command, 'killCursors');
    const ids = ((command.cursors as unknown[] | undefined) ?? []).map(cursorId);
    const { killed, notFound } = context.cursors.kill(ids);
    return {
      cursorsKilled: killed,
      cursorsNotFound: notFound,
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    };
  },

  count(command, context) {
    const name = collectionName(command, 'count');
    rejectCollation(command.collation);
    const collection = context.collection(name);
    if (!collection) return { n: 0, ok: 1 };
    const query = (command.query as Document | undefined) ?? {};
    const skip = intOption(command, 'skip') ?? 0;
    const limit = Math.abs(Number(command.limit ?? 0));
    let n = Object.keys(query).length ? collection.find(query).length : collection.count();
    n = Math.max(0, n - skip);
    if (limit) n = Math.min(n, limit);
    return { n, ok: 1 };
  },

  distinct(command, context) {
    const name = collectionName(command, 'distinct');
    rejectCollation(command.collation);
    const key = command.key;
    if (typeof key !== 'string' || !key) {
      throw new MongoCommandError(
        Codes.TypeMismatch,
        "BSON field 'distinct.key' is missing or not a string",
      );
    }
    const collection = context.collection(name);
    if (!collection) return { values: [], ok: 1 };
    const seen = new Map<string, unknown>();
    for (const doc of collection.find((command.query as Document | undefined) ?? {})) {
      for (const value of valuesAtPath(doc, key)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          if (v === undefined) continue;
          const k = keyOf(v);
          if (!seen.has(k)) seen.set(k, v);
        }
      }
    }
    return {
      values: sortDocuments(
        [...seen.values()].map((v) => ({ v })),
        { v: 1 },
      ).map((d) => d.v),
      ok: 1,
    };
  },
};
