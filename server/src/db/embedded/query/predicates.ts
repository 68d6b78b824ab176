import type { Document } from 'bson';
import { ensureArray, flatten, resolve } from 'mingo/util';
import { bsonTag, keyOf } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';
import { compareValues } from './compare';

/**
 * MongoDB's query comparison semantics as mingo query operators (see
 * mingo-context.ts for why each replaces mingo's own).
 */
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

/** The replacement query operators, ready for a mingo context. */
export const queryPredicates = {
  $eq: queryOp(eq),
  $ne: queryOp((a, b, d) => !eq(a, b, d)),
  $in: queryOp(inList),
  $nin: queryOp((a, b, d) => !inList(a, b, d)),
  $gt: queryOp(range((c) => c > 0)),
  $gte: queryOp(range((c) => c >= 0)),
  $lt: queryOp(range((c) => c < 0)),
  $lte: queryOp(range((c) => c <= 0)),
  $type: queryOp(typePredicate),
};
