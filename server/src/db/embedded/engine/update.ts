import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { update as mingoUpdate } from 'mingo/updater';
import { Codes, MongoCommandError } from '../errors';
import { mingoOptions } from '../query/mingo-context';
import { arithmetic } from './arithmetic';
import { cloneValue, isPlainObject, keyOf } from './values';

const operators = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$rename',
  '$setOnInsert',
  '$min',
  '$max',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
]);
const pipelineStages = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

/** An update as the update/findAndModify commands carry it. */
export type UpdateSpec = Document | Document[];

/** True for a replacement document (no `$` operators), false for operators or a pipeline. */
export function isReplacement(update: UpdateSpec): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  const dollar = keys.filter((k) => k.startsWith('$'));
  if (dollar.length && dollar.length !== keys.length) {
    const field = keys.find((k) => !k.startsWith('$'))!;
    throw new MongoCommandError(
      Codes.FailedToParse,
      `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return dollar.length === 0;
}

/** Validates operator names and the paths they touch (MongoDB's code 40 for overlapping paths). */
function validateOperators(update: Document): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!operators.has(op)) {
      throw new MongoCommandError(
        Codes.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields)) {
      throw new MongoCommandError(
        Codes.FailedToParse,
        `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead. For example: {$mod: {<field>: ...}} not {$set: <field>}`,
      );
    }
    for (const [path, value] of Object.entries(fields)) {
      if (path === '' || path.startsWith('.') || path.endsWith('.') || path.includes('..')) {
        throw new MongoCommandError(
          Codes.BadValue,
          `The update path '${path}' contains an empty field name, which is not allowed.`,
        );
      }
      paths.push(path);
      if (op === '$rename') paths.push(String(value));
    }
  }
  const strip = (p: string) => p.replace(/\.\$(\[[^\]]*\])?/g, '');
  const sorted = paths.map((p) => ({ p, s: strip(p) })).sort((a, b) => (a.s < b.s ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.s === b.s || b.s.startsWith(`${a.s}.`)) {
      throw new MongoCommandError(
        Codes.ConflictingUpdateOperators,
        `Updating the path '${b.p}' would create a conflict at '${a.p}'`,
      );
    }
  }
}

/** Drops `$set: { _id: <same value> }` (MongoDB accepts it; langchain sends it; mingo refuses it). */
function withoutSameId(update: Document, current: unknown): Document {
  // An upsert without `_id` in its filter may set one freely.
  if (current === undefined) return update;
  const out: Document = {};
  for (const [op, fields] of Object.entries(update)) {
    if ((op === '$set' || op === '$setOnInsert') && isPlainObject(fields) && '_id' in fields) {
      if (keyOf(fields._id) !== keyOf(current)) {
        throw new MongoCommandError(
          Codes.ImmutableField,
          "Performing an update on the path '_id' would modify the immutable field '_id'",
        );
      }
      const { _id: _, ...rest } = fields;
      if (Object.keys(rest).length) out[op] = rest;
    } else {
      out[op] = fields;
    }
  }
  return out;
}

/** Puts `_id` first, as MongoDB stores it. */
function idFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' || !('_id' in doc)) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export interface ApplyOptions {
  arrayFilters?: Document[];
  /** The query that selected the document (needed by the positional `$` operator). */
  filter?: Document;
  /** Upsert insert: `$setOnInsert` applies. */
  inserting?: boolean;
}

/** Returns the updated copy of `doc` (never mutates it), or the same object if nothing changed. */
export function applyUpdate(
  doc: Document,
  update: UpdateSpec,
  options: ApplyOptions = {},
): Document {
  if (Array.isArray(update)) return applyPipeline(doc, update);
  if (isReplacement(update)) {
    const next = cloneValue(update);
    if ('_id' in next && keyOf(next._id) !== keyOf(doc._id)) {
      throw new MongoCommandError(
        Codes.ImmutableField,
        "After applying the update, the (immutable) field '_id' was found to have been altered",
      );
    }
    return idFirst({ _id: doc._id, ...next });
  }
  validateOperators(update);
  let ops = withoutSameId(update, doc._id);
  if (ops.$setOnInsert) {
    const { $setOnInsert, ...rest } = ops;
    ops = options.inserting
      ? { ...rest, $set: { ...(rest.$set as Document), ...$setOnInsert } }
      : rest;
  }
  ops = arithmetic(doc, ops);
  if (Object.keys(ops).length === 0) return doc;
  const next = cloneValue(doc);
  try {
    const changed = mingoUpdate(next, ops, options.arrayFilters, options.filter, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    });
    return changed.length ? idFirst(next) : doc;
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    const message = (error as Error).message;
    const code = /immutable/i.test(message) ? Codes.ImmutableField : Codes.BadValue;
    throw new MongoCommandError(code, message);
  }
}

function applyPipeline(doc: Document, stages: Document[]): Document {
  for (const stage of stages) {
    const name = Object.keys(stage)[0] ?? '';
    if (!pipelineStages.has(name)) {
      throw new MongoCommandError(
        Codes.InvalidOptions,
        `${name} is not allowed to be used within an update`,
      );
    }
  }
  const [result] = new Aggregator(stages, mingoOptions()).run([cloneValue(doc)]) as Document[];
  const next = idFirst({ ...(result ?? {}) });
  if (!('_id' in next)) return { _id: doc._id, ...next };
  if (keyOf(next._id) !== keyOf(doc._id)) {
    throw new MongoCommandError(
      Codes.ImmutableField,
      "After applying the update, the (immutable) field '_id' was found to have been altered",
    );
  }
  return next;
}

/** The equality fields of a filter, as the seed of an upserted document. */
function equalitySeed(filter: Document, into: Document = {}): Document {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) equalitySeed(part as Document, into);
      continue;
    }
    if (field.startsWith('$')) continue;
    let value: unknown;
    if (isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
      if (!('$eq' in condition)) continue;
      value = condition.$eq;
    } else if (condition instanceof RegExp) {
      continue;
    } else {
      value = condition;
    }
    setPath(into, field, cloneValue(value));
  }
  return into;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {};
    target = target[part] as Document;
  }
  target[parts.at(-1)!] = value;
}

/** Builds the document an upsert inserts: the filter's equality fields, then the update. */
export function upsertDocument(
  filter: Document,
  update: UpdateSpec,
  options: ApplyOptions,
): Document {
  const seed = equalitySeed(filter);
  if (!Array.isArray(update) && isReplacement(update)) {
    const doc = cloneValue(update);
    const id = '_id' in doc ? doc._id : seed._id;
    return id === undefined ? doc : idFirst({ _id: id, ...doc });
  }
  const base = seed;
  if (Array.isArray(update)) return applyPipeline(base, update);
  const result = applyUpdate(base, update, { ...options, inserting: true, filter: {} });
  return result === base ? cloneValue(base) : result;
}
