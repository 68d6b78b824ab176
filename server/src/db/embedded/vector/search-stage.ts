import type { Document } from 'bson';
import type { Collection } from '../engine/collection';
import { isPlainObject, keyOf } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter } from '../query/filter';
import { type DocMeta, META } from '../query/mingo-context';
import { type Pin, readVector, type VectorIndex } from './vector-index';

const allowedKeys = new Set([
  'index',
  'path',
  'queryVector',
  'numCandidates',
  'limit',
  'filter',
  'exact',
  'query',
  'model',
]);
const filterOperators = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$and',
  '$or',
  '$not',
  '$nor',
  '$exists',
]);

function bad(message: string): never {
  throw new MongoCommandError(Codes.BadValue, `$vectorSearch ${message}`);
}

/** Checks a pre-filter uses only Atlas's operators, on paths the index declares as `filter`. */
function validateFilter(filter: unknown, filterPaths: Set<string>): void {
  if (!isPlainObject(filter)) bad('"filter" must be a document');
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (!filterOperators.has(key))
        bad(`filter operator ${key} is not supported (allowed: ${[...filterOperators].join(' ')})`);
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (!Array.isArray(value)) bad(`${key} needs an array`);
        for (const part of value) validateFilter(part, filterPaths);
      }
      continue;
    }
    if (!filterPaths.has(key)) {
      throw new MongoCommandError(Codes.BadValue, `Path '${key}' needs to be indexed as filter`);
    }
    if (isPlainObject(value)) {
      for (const op of Object.keys(value)) {
        if (op.startsWith('$') && !filterOperators.has(op))
          bad(`filter operator ${op} is not supported on '${key}'`);
      }
    }
  }
}

/** Value keys a filter pins one path to (equality or `$in`), looking through a top-level `$and`. */
function pinnedValues(filter: Document): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) out.push(...pinnedValues(part as Document));
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(value)) {
      const ops = Object.keys(value);
      if (ops.length === 1 && ops[0] === '$eq') out.push([key, [keyOf(value.$eq)]]);
      else if (ops.length === 1 && ops[0] === '$in' && Array.isArray(value.$in))
        out.push([key, value.$in.map(keyOf)]);
    } else if (!(value instanceof RegExp) && !Array.isArray(value)) {
      out.push([key, [keyOf(value)]]);
    }
  }
  return out;
}

/** Looks up the live vector index named in the stage, if the collection has it. */
function vectorIndexOf(collection: Collection | undefined, name: string): VectorIndex | undefined {
  const entry = collection?.searchIndexes.get(name);
  return entry?.spec.type === 'vectorSearch' ? (entry.live as VectorIndex) : undefined;
}

/**
 * `$vectorSearch` as Atlas defines it, answered by exact kNN over the index's
 * float32 vectors. Returns shallow copies of the matching documents carrying
 * their score for `{ $meta: "vectorSearchScore" }`.
 */
export function vectorSearchStage(spec: unknown, collection: Collection | undefined): Document[] {
  if (!isPlainObject(spec)) bad('must be a document');
  for (const key of Object.keys(spec))
    if (!allowedKeys.has(key)) bad(`does not accept the field "${key}"`);
  if (spec.query !== undefined || spec.model !== undefined) {
    throw new MongoCommandError(
      Codes.NotImplemented,
      '$vectorSearch with "query" (automatic embedding) is not supported by the Parley embedded store; pass "queryVector"',
    );
  }
  if (typeof spec.index !== 'string') bad('"index" must be a string');
  if (typeof spec.path !== 'string') bad('"path" must be a string');
  const limit = Number(spec.limit);
  if (!Number.isInteger(limit) || limit < 1) bad('"limit" must be a positive integer');
  const exact = spec.exact === true;
  if (exact) {
    if (spec.numCandidates !== undefined)
      bad('"numCandidates" is not allowed when "exact" is true');
  } else {
    const numCandidates = Number(spec.numCandidates);
    if (spec.numCandidates === undefined) bad('"numCandidates" is required unless "exact" is true');
    if (!Number.isInteger(numCandidates) || numCandidates > 10_000)
      bad('"numCandidates" must be an integer at most 10000');
    if (numCandidates < limit) bad('"numCandidates" must be greater than or equal to "limit"');
  }
  const index = vectorIndexOf(collection, spec.index);
  // Atlas answers a search on a missing index with no results, not an error.
  if (!index || !collection) return [];
  if (index.definition.path !== spec.path) {
    bad(
      `"path" ${spec.path} is not indexed as vector by index ${spec.index} (indexed path: ${index.definition.path})`,
    );
  }
  const query = readVector(spec.queryVector, index.dims);
  if (!query) {
    const given = Array.isArray(spec.queryVector) ? spec.queryVector.length : 'a non-vector';
    bad(
      `"queryVector" must be ${index.dims} finite numbers: vector field is indexed with ${index.dims} dimensions but queried with ${given}`,
    );
  }
  let pins: Pin[] = [];
  let accept: ((idKey: string) => boolean) | undefined;
  if (spec.filter !== undefined) {
    validateFilter(spec.filter, new Set(index.definition.filterPaths));
    const filter = spec.filter as Document;
    pins = pinnedValues(filter).filter(([path]) => index.filters(path));
    // A filter made only of pinned equalities is fully answered by the pins.
    const pinnedOnly = Object.keys(filter).length === 1 && pins.length === 1;
    if (!pinnedOnly) {
      const query = compileFilter(filter);
      accept = (idKey) => {
        const doc = collection.docs.get(idKey);
        return doc !== undefined && query.test(doc);
      };
    }
  }
  return index.search(query, limit, pins, accept).map(([idKey, score]) => {
    const doc = collection.docs.get(idKey)!;
    const meta: DocMeta = { vectorSearchScore: score };
    return Object.assign({ ...doc }, { [META]: meta });
  });
}
