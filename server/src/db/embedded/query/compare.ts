import type { Document, Long } from 'bson';
import { bsonTag, isPlainObject, keyOf, numericValue, valuesAtPath } from '../engine/values';

/**
 * MongoDB's cross-type order (BSON comparison order). mingo orders unknown
 * classes (ObjectId, Long, Decimal128) after everything else, so sorting is
 * done here instead.
 */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  switch (bsonTag(v)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Decimal128':
    case 'Double':
    case 'Int32':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
  }
  return 5; // embedded document
}

const cmp = (a: number | string | bigint, b: number | string | bigint) =>
  a < b ? -1 : a > b ? 1 : 0;

function compareNumbers(a: unknown, b: unknown): number {
  const tagA = bsonTag(a);
  const tagB = bsonTag(b);
  // Two Longs (or a Long and an integer) compare exactly as 64-bit integers.
  if ((tagA === 'Long' || Number.isInteger(a)) && (tagB === 'Long' || Number.isInteger(b))) {
    const x = tagA === 'Long' ? (a as Long).toBigInt() : BigInt(a as number);
    const y = tagB === 'Long' ? (b as Long).toBigInt() : BigInt(b as number);
    return cmp(x, y);
  }
  const x = numericValue(a)!;
  const y = numericValue(b)!;
  // NaN sorts before every other number in MongoDB.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return cmp(x, y);
}

/** Compares two values in MongoDB's order (the order `$sort`, `$min`/`$max` and range queries use). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return cmp(String(a), String(b));
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compareValues(xs[i], ys[i]);
        if (c) return c;
      }
      return cmp(xs.length, ys.length);
    }
    case 5: {
      if (!isPlainObject(a) || !isPlainObject(b)) return cmp(keyOf(a), keyOf(b));
      const ka = Object.keys(a);
      const kb = Object.keys(b);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const va = a[ka[i]!];
        const vb = b[kb[i]!];
        const c = typeRank(va) - typeRank(vb) || cmp(ka[i]!, kb[i]!) || compareValues(va, vb);
        if (c) return c < 0 ? -1 : 1;
      }
      return cmp(ka.length, kb.length);
    }
    case 7: {
      const x = a as { sub_type: number; buffer: Uint8Array };
      const y = b as { sub_type: number; buffer: Uint8Array };
      return (
        cmp(x.buffer.length, y.buffer.length) ||
        cmp(x.sub_type, y.sub_type) ||
        Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer))
      );
    }
    case 8:
      return cmp(
        (a as { toHexString(): string }).toHexString(),
        (b as { toHexString(): string }).toHexString(),
      );
    case 11:
      return (a as Long).compare(b as Long);
  }
  return cmp(keyOf(a), keyOf(b));
}

/** A sort specification as the find command and `$sort` take it. */
export type SortSpec = Record<string, number | Document>;

/**
 * The key a document sorts by on one path: arrays sort by their smallest
 * element ascending and their largest descending, as MongoDB does.
 */
function sortKey(doc: Document, path: string, direction: number): unknown {
  const values = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) && v.length ? v : [v]));
  let best = values[0];
  for (const v of values.slice(1)) {
    const c = compareValues(v, best);
    if ((direction > 0 && c < 0) || (direction < 0 && c > 0)) best = v;
  }
  return best;
}

/** Builds a comparator for a sort spec; `$meta` parts are resolved by `meta`. */
export function sortComparator(
  spec: SortSpec,
  meta: (doc: Document, kind: string) => unknown = () => undefined,
): (a: Document, b: Document) => number {
  const parts = Object.entries(spec).map(([path, dir]) => {
    if (typeof dir === 'object' && dir !== null && '$meta' in dir) {
      const kind = String(dir.$meta);
      return { key: (d: Document) => meta(d, kind), direction: -1 };
    }
    const direction = Number(dir) < 0 ? -1 : 1;
    return { key: (d: Document) => sortKey(d, path, direction), direction };
  });
  return (a, b) => {
    for (const { key, direction } of parts) {
      const c = compareValues(key(a), key(b));
      if (c) return c * direction;
    }
    return 0;
  };
}

/** Sorts documents stably (ties keep natural order, as MongoDB's does in practice). */
export function sortDocuments<T extends Document>(
  docs: T[],
  spec: SortSpec,
  meta?: (doc: Document, kind: string) => unknown,
): T[] {
  const compare = sortComparator(spec, meta);
  return docs
    .map((doc, i) => ({ doc, i }))
    .sort((x, y) => compare(x.doc, y.doc) || x.i - y.i)
    .map((x) => x.doc);
}
