import type { Document } from 'bson';
import { Context } from 'mingo';
import { Lazy, type Iterator as LazyIterator } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { Codes, MongoCommandError, unsupported } from '../errors';
import { sumAccumulator } from './accumulators';
import { type SortSpec, sortDocuments } from './compare';
import { queryPredicates } from './predicates';

/**
 * The one place where mingo's behaviour is corrected to MongoDB's. Every
 * query, projection, update condition and pipeline in the store runs with
 * `mingoOptions()`, whose context replaces these operators:
 *
 * - `$eq $ne $in $nin` (predicates.ts): equality by value key, so 1, 1.0 and Long(1)
 *   are equal and embedded documents compare with field order, as in MongoDB.
 * - `$gt $gte $lt $lte`: MongoDB's type-bracketed comparison with numbers of
 *   any bson type comparable to each other (mingo requires the same JS type).
 * - `$type`: bson type names and numbers, with `long`, `decimal`,
 *   `objectId`, `binData`, `timestamp` that mingo does not know.
 * - `$sort` (stage): MongoDB's cross-type order (ObjectId before boolean).
 * - `$meta`: search scores attached by `$vectorSearch`.
 * - `$sum` (accumulators.ts): exact over Longs, Decimal128 kept.
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
      ...queryPredicates,
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
