import { type Document, Long } from 'bson';

/**
 * Helpers over the in-memory value model: documents are plain objects holding
 * JS numbers, strings, booleans, Dates, RegExps, arrays and bson class
 * instances (ObjectId, Long beyond 2^53, Decimal128, Binary, Timestamp, ...).
 * Stored documents are never mutated in place, so cursors may hold them.
 */

/** The bson type tag of a bson class instance, if it is one. */
export function bsonTag(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

/** True for plain `{}` objects (embedded documents), false for arrays and bson/JS class instances. */
export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Deep copy of plain objects and arrays; bson values, Dates and RegExps are immutable here and shared. */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isPlainObject(v)) {
    const out: Document = {};
    for (const key of Object.keys(v)) out[key] = cloneValue(v[key]);
    return out as T;
  }
  if (v instanceof Date) return new Date(v.getTime()) as T;
  return v;
}

/** A Long or Decimal128 as a JS number when that is exact enough to compare; otherwise undefined. */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const tag = bsonTag(v);
  if (tag === 'Long') return (v as Long).toNumber();
  if (tag === 'Decimal128') return Number.parseFloat((v as { toString(): string }).toString());
  if (tag === 'Double' || tag === 'Int32') return (v as { value: number }).value;
  return undefined;
}

/**
 * A string equal for exactly the values MongoDB treats as equal (1, 1.0 and
 * Long(1) alike; field order of embedded documents significant). Used for
 * `_id` lookups, index entries and unique constraints.
 */
export function keyOf(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  switch (typeof v) {
    case 'number':
      return `n${Object.is(v, -0) ? 0 : v}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    case 'bigint':
      return `n${v}`;
  }
  if (Array.isArray(v)) return `[${JSON.stringify(v.map(keyOf))}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof RegExp) return `r${v.source}/${v.flags}`;
  const tag = bsonTag(v);
  switch (tag) {
    case 'ObjectId':
      return `o${(v as { toHexString(): string }).toHexString()}`;
    case 'Long': {
      const long = v as Long;
      const n = long.toNumber();
      return Number.isSafeInteger(n) ? `n${n}` : `n${long.toString()}`;
    }
    case 'Decimal128': {
      // Equal to a double when both print the same value ("12.50" and 12.5).
      const text = (v as { toString(): string }).toString();
      const trimmed = text.includes('.') && !/e/i.test(text) ? text.replace(/\.?0+$/, '') : text;
      const n = Number(text);
      return Number.isFinite(n) && String(n) === trimmed ? `n${n}` : `n${trimmed}`;
    }
    case 'Double':
    case 'Int32':
      return keyOf((v as { value: number }).value);
    case 'Binary': {
      const bin = v as { sub_type: number; buffer: Uint8Array };
      return `x${bin.sub_type}:${Buffer.from(bin.buffer).toString('base64')}`;
    }
    case 'Timestamp':
      return `t${(v as Long).toString()}`;
    case 'MinKey':
      return 'm-';
    case 'MaxKey':
      return 'm+';
    case 'BSONRegExp': {
      const re = v as { pattern: string; options: string };
      return `r${re.pattern}/${re.options}`;
    }
  }
  if (isPlainObject(v)) {
    return `{${JSON.stringify(Object.entries(v).map(([k, x]) => [k, keyOf(x)]))}`;
  }
  return `?${tag ?? typeof v}:${String(v)}`;
}

/**
 * Every value a dotted path reaches, descending into arrays the way MongoDB
 * indexes and matches them. A missing path yields `[undefined]`.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (value: unknown, i: number) => {
    if (i === parts.length) {
      out.push(value);
      return;
    }
    if (Array.isArray(value)) {
      const part = parts[i]!;
      if (/^\d+$/.test(part)) walk(value[Number(part)], i + 1);
      for (const item of value) if (isPlainObject(item)) walk(item, i);
      return;
    }
    if (isPlainObject(value)) walk(value[parts[i]!], i + 1);
    else out.push(undefined);
  };
  walk(doc, 0);
  return out.length ? out : [undefined];
}

/** The single value at a dotted path without array expansion (for `_id` and shard-like keys). */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Document)[part];
  }
  return value;
}

/** Builds `new Long(...)` from a cursor id number (kept as a helper so callers share one shape). */
export function cursorIdLong(id: bigint): Long {
  return Long.fromBigInt(id);
}
