import { Decimal128, type Document, Long } from 'bson';
import { Context } from 'mingo';
import { Lazy, type Iterator as LazyIterator } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import { $push } from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { ensureArray, flatten, resolve } from 'mingo/util';
import { bsonTag, keyOf } from '../engine/values';
import { Codes, MongoCommandError, unsupported } from '../errors';
import { compareValues, type SortSpec, sortDocuments } from './compare';

/**
 * The one place where mingo's behaviour is corrected to MongoDB's. Every
 * query, projection, update condition and pipeline in the store runs with
 * `mingoOptions()`, whose context replaces these operators:
 *
 * - `$eq $ne $in $nin`: equality by {@link keyOf}, so 1, 1.0 and Long(1)
 *   are equal and embedded documents compare with field order, as in MongoDB.
 * - `$gt $gte $lt $lte`: MongoDB's type-bracketed comparison with numbers of
 *   any bson type comparable to each other (mingo requires the same JS type).
 * - `$type`: bson type names and numbers, with `long`, `decimal`,
 *   `objectId`, `binData`, `timestamp` that mingo does not know.
 * - `$sort` (stage): MongoDB's cross-type order (ObjectId before boolean).
 * - `$meta`: search scores attached by `$vectorSearch`.
 * - `$sum`/`$avg`: Long and Decimal128 inputs count as numbers.
 * - `$where`, `$function`, `$accumulator`, `$out`, `$merge`, `$search`:
 *   refused with MongoDB's error shape rather than run or ignored.
 */

/** Symbol under which a result document carries its `$meta` values. */
export const META = Symbol('parley.meta');

/** Metadata attached to a result document (only `vectorSearchScore` today). */
export interface DocMeta {
  vectorSearchScore?: number;
  searchScore?: number;
}

type Predicate = (lhs: unknown, rhs: unknown, depth: number) => boolean;

function queryOp(predicate: Predicate) {
  return (selector: string, value: unknown) => {
    let depth = 0;
    for (const ch of selector) if (ch === '.') depth++;
    return (doc: Document) =>
      predicate(resolve(doc, selector, { unwrapArray: true }), value, depth);
  };
}

const isNil = (v: unknown) => v === null || v === undefined;

function eq(a: unknown, b: unknown, depth: number): boolean {
  const key = keyOf(b);
  if (keyOf(a) === key) return true;
  if (Array.isArray(a)) {
    return a.some((v) => keyOf(v) === key) || flatten(a, depth).some((v) => keyOf(v) === key);
  }
  return false;
}

function inList(a: unknown, list: unknown, depth: number): boolean {
  if (!Array.isArray(list)) throw new MongoCommandError(Codes.BadValue, '$in needs an array');
  const keys = new Set<string>();
  const patterns: RegExp[] = [];
  for (const v of list) {
    if (v instanceof RegExp) patterns.push(v);
    else keys.add(keyOf(v));
  }
  if (isNil(a)) return keys.has('N');
  const candidates = Array.isArray(a) ? [a, ...a, ...flatten(a, depth)] : [a];
  return candidates.some(
    (v) => keys.has(keyOf(v)) || (typeof v === 'string' && patterns.some((re) => re.test(v))),
  );
}

/** MongoDB's comparison brackets: a range query only matches values of the same kind. */
function bracket(v: unknown): string {
  if (typeof v === 'number') return 'number';
  const tag = bsonTag(v);
  if (tag === 'Long' || tag === 'Decimal128' || tag === 'Int32' || tag === 'Double')
    return 'number';
  if (v instanceof Date) return 'date';
  if (Array.isArray(v)) return 'array';
  if (v === null || v === undefined) return 'null';
  return tag ?? typeof v;
}

function range(test: (c: number) => boolean): Predicate {
  return (a, b) => {
    const target = bracket(b);
    for (const v of ensureArray(a)) {
      if (bracket(v) === target && test(compareValues(v, b))) return true;
    }
    return false;
  };
}

const typeNames: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !isInt32(v),
  string: (v) => typeof v === 'string',
  object: (v) =>
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !bsonTag(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp),
  array: (v) => Array.isArray(v),
  binData: (v) => bsonTag(v) === 'Binary',
  undefined: (v) => v === undefined,
  objectId: (v) => bsonTag(v) === 'ObjectId',
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || bsonTag(v) === 'BSONRegExp',
  javascript: (v) => bsonTag(v) === 'Code',
  int: (v) => isInt32(v),
  timestamp: (v) => bsonTag(v) === 'Timestamp',
  long: (v) => bsonTag(v) === 'Long',
  decimal: (v) => bsonTag(v) === 'Decimal128',
  minKey: (v) => bsonTag(v) === 'MinKey',
  maxKey: (v) => bsonTag(v) === 'MaxKey',
  number: (v) => bracket(v) === 'number',
};
const typeNumbers: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

function isInt32(v: unknown): boolean {
  return (
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= -2147483648 &&
    v <= 2147483647 &&
    !Object.is(v, -0)
  );
}

function typeTest(name: unknown): (v: unknown) => boolean {
  const resolved = typeof name === 'number' ? typeNumbers[name] : name;
  const test = typeof resolved === 'string' ? typeNames[resolved] : undefined;
  if (!test)
    throw new MongoCommandError(Codes.BadValue, `Unknown type name alias: ${String(name)}`);
  return test;
}

const typePredicate: Predicate = (a, b) => {
  const tests = (Array.isArray(b) ? b : [b]).map(typeTest);
  const values = Array.isArray(a) ? [a, ...a] : [a];
  return values.some((v) => v !== undefined && tests.some((t) => t(v)));
};

/**
 * `$sum` accumulator over numbers of any bson type. Longs are added exactly
 * (as BigInt) and the result stays a Long when any input was one; a Decimal128
 * input makes the result a Decimal128, as in MongoDB.
 */
export function sumValues(values: unknown[]): unknown {
  let float = 0;
  let exact = 0n;
  let sawLong = false;
  let sawDecimal = false;
  let allIntegers = true;
  for (const v of values) {
    const tag = bsonTag(v);
    if (typeof v === 'number') {
      float += v;
      if (Number.isInteger(v)) exact += BigInt(v);
      else allIntegers = false;
    } else if (tag === 'Long') {
      sawLong = true;
      exact += (v as Long).toBigInt();
      float += (v as Long).toNumber();
    } else if (tag === 'Decimal128') {
      sawDecimal = true;
      allIntegers = false;
      float += Number((v as { toString(): string }).toString());
    }
  }
  if (sawDecimal) return Decimal128.fromString(String(float));
  if (sawLong && allIntegers) return Long.fromBigInt(exact);
  if (allIntegers && !Number.isSafeInteger(float)) return Long.fromBigInt(exact);
  return float;
}

const sumAccumulator = (coll: Document[], expr: unknown, options: Options) => {
  if (typeof expr === 'number') return coll.length * expr;
  return sumValues($push(coll, expr, options) as unknown[]);
};

function refuse(feature: string) {
  return () => unsupported(feature);
}

type Ops = Record<string, unknown>;

let context: Context | undefined;

/** The shared operator context with every patch applied. */
export function storeContext(): Context {
  if (context) return context;
  const operators: Record<string, Ops> = {
    accumulator: {
      ...(accumulatorOperators as Ops),
      $accumulator: refuse('$accumulator (server-side JavaScript)'),
      $sum: sumAccumulator,
    },
    expression: {
      ...(expressionOperators as Ops),
      $function: refuse('$function (server-side JavaScript)'),
      $meta: (obj: Document, expr: unknown) =>
        (obj as { [META]?: DocMeta })[META]?.[String(expr) as keyof DocMeta] ?? undefined,
    },
    pipeline: {
      ...(pipelineOperators as Ops),
      // MongoDB's $project (and find projections) put _id first.
      $project: (coll: LazyIterator, expr: Document, options: Options) =>
        (pipelineOperators.$project as (c: LazyIterator, e: Document, o: Options) => LazyIterator)(
          coll,
          expr,
          options,
        ).map(idFirst),
      $sort: (coll: LazyIterator, spec: SortSpec) =>
        coll.transform((docs: unknown[]) => Lazy(sortDocuments(docs as Document[], spec, metaOf))),
      $out: refuse('$out'),
      $changeStream: refuse('change streams ($changeStream)'),
      $currentOp: refuse('$currentOp'),
      $collStats: refuse('$collStats'),
      $indexStats: refuse('$indexStats'),
      $geoNear: refuse('geospatial queries ($geoNear)'),
      $merge: refuse('$merge'),
      $search: refuse('Atlas Search full-text ($search)'),
      $searchMeta: refuse('Atlas Search full-text ($searchMeta)'),
      $vectorSearch: () => {
        throw new MongoCommandError(
          Codes.Location40324,
          '$vectorSearch is only valid as the first stage in a pipeline',
        );
      },
    },
    projection: { ...(projectionOperators as Ops) },
    query: {
      ...(queryOperators as Ops),
      $eq: queryOp(eq),
      $ne: queryOp((a, b, d) => !eq(a, b, d)),
      $in: queryOp(inList),
      $nin: queryOp((a, b, d) => !inList(a, b, d)),
      $gt: queryOp(range((c) => c > 0)),
      $gte: queryOp(range((c) => c >= 0)),
      $lt: queryOp(range((c) => c < 0)),
      $lte: queryOp(range((c) => c <= 0)),
      $type: queryOp(typePredicate),
      $where: refuse('$where (server-side JavaScript)'),
      $text: refuse('$text (text search)'),
      $near: refuse('geospatial queries ($near)'),
      $nearSphere: refuse('geospatial queries ($nearSphere)'),
      $geoWithin: refuse('geospatial queries ($geoWithin)'),
      $geoIntersects: refuse('geospatial queries ($geoIntersects)'),
    },
    window: { ...(windowOperators as Ops) },
  };
  context = Context.init(operators as Parameters<typeof Context.init>[0]);
  return context;
}

function idFirst(doc: Document): Document {
  if (!doc || !('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return Object.assign({ _id, ...rest }, { [META]: (doc as { [META]?: unknown })[META] });
}

function metaOf(doc: Document, kind: string): unknown {
  return (doc as { [META]?: DocMeta })[META]?.[kind as keyof DocMeta];
}

/** Options for every mingo call; `resolver` gives `$lookup` its foreign collections. */
export function mingoOptions(resolver?: (name: string) => Document[]): Partial<Options> {
  return {
    context: storeContext(),
    useStrictMode: true,
    scriptEnabled: false,
    collectionResolver: resolver,
  };
}
