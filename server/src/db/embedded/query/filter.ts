import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { isPlainObject, keyOf, valuesAtPath } from '../engine/values';
import { Codes, MongoCommandError, unsupported } from '../errors';
import { mingoOptions } from './mingo-context';

/** A compiled filter. */
export interface Matcher {
  test(doc: Document): boolean;
}

const scalar = (v: unknown) =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'boolean' ||
  v instanceof Date ||
  (typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId');

/**
 * The fast path: a filter made only of field equalities and `$in` lists of
 * plain scalars (the shape of nearly every lookup the server makes) is
 * matched by value keys, without building a mingo query, whose setup costs
 * more than the match itself. Returns undefined for anything else.
 */
function equalityMatcher(filter: Document): Matcher | undefined {
  const terms: [string, Set<string>][] = [];
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$')) return undefined;
    if (scalar(condition)) {
      terms.push([path, new Set([keyOf(condition)])]);
      continue;
    }
    if (!isPlainObject(condition)) return undefined;
    const ops = Object.keys(condition);
    if (ops.length !== 1) return undefined;
    if (ops[0] === '$eq' && scalar(condition.$eq))
      terms.push([path, new Set([keyOf(condition.$eq)])]);
    else if (ops[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(scalar)) {
      terms.push([path, new Set(condition.$in.map(keyOf))]);
    } else return undefined;
  }
  return {
    test(doc) {
      for (const [path, keys] of terms) {
        let hit = false;
        for (const value of valuesAtPath(doc, path)) {
          if (keys.has(keyOf(value))) hit = true;
          else if (Array.isArray(value)) hit = value.some((v) => keys.has(keyOf(v)));
          if (hit) break;
        }
        if (!hit) return false;
      }
      return true;
    },
  };
}

/** Compiles a filter; mingo errors become MongoDB BadValue errors. */
export function compileFilter(filter: Document): Matcher {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new MongoCommandError(Codes.TypeMismatch, 'filter must be an object');
  }
  const fast = equalityMatcher(filter);
  if (fast) return fast;
  try {
    return new Query(filter, mingoOptions());
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    const message = (error as Error).message;
    // mingo checks top-level $where itself, before any operator of ours runs.
    if (/scriptEnabled/.test(message)) unsupported('$where (server-side JavaScript)');
    throw new MongoCommandError(Codes.BadValue, message);
  }
}
