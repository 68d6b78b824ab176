import type { Document } from 'bson';
import { Codes, MongoCommandError } from '../errors';
import { compileFilter, type Matcher } from '../query/filter';
import { isPlainObject, keyOf, valuesAtPath } from './values';

/** An index as `listIndexes` reports it. */
export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

const optionNames = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'v',
  'collation',
  'hidden',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'wildcardProjection',
  'ns',
]);

/** The name MongoDB gives an index without one: `a_1_b_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${d}`)
    .join('_');
}

/** Validates a createIndexes entry and returns its normalised spec. */
export function normaliseIndexSpec(raw: Document): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new MongoCommandError(Codes.CannotCreateIndex, 'Index key must be a non-empty object');
  }
  for (const option of Object.keys(raw)) {
    if (!optionNames.has(option)) {
      throw new MongoCommandError(
        Codes.InvalidIndexSpecificationOption,
        `The field '${option}' is not valid for an index specification.`,
      );
    }
  }
  for (const [field, dir] of Object.entries(raw.key)) {
    const ok =
      dir === 1 || dir === -1 || ['text', '2dsphere', 'hashed', '2d'].includes(dir as string);
    const numeric = typeof dir === 'number' && dir !== 0 && Number.isFinite(dir);
    if (!ok && !numeric) {
      throw new MongoCommandError(
        Codes.CannotCreateIndex,
        `Values in the index key pattern can't be ${JSON.stringify(dir)} (field ${field})`,
      );
    }
  }
  if (raw.collation && (raw.collation as Document).locale !== 'simple') {
    throw new MongoCommandError(
      Codes.NotImplemented,
      'Index collations are not supported by the Parley embedded store',
    );
  }
  const spec: IndexSpec = {
    v: 2,
    key: raw.key as Document,
    name: String(raw.name ?? defaultIndexName(raw.key as Document)),
  };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression)
    spec.partialFilterExpression = raw.partialFilterExpression as Document;
  if (raw.expireAfterSeconds !== undefined) {
    const seconds = Number(raw.expireAfterSeconds);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new MongoCommandError(
        Codes.CannotCreateIndex,
        'expireAfterSeconds must be a non-negative number',
      );
    }
    spec.expireAfterSeconds = seconds;
  }
  if (spec.name === '_id_' && Object.keys(spec.key).join() !== '_id') {
    throw new MongoCommandError(
      Codes.CannotCreateIndex,
      "The index name '_id_' is reserved for the _id index",
    );
  }
  return spec;
}

/** Two specs describe the same index (ignoring name) — createIndexes is then a no-op. */
export function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  const strip = (s: IndexSpec) =>
    keyOf({
      key: s.key,
      unique: !!s.unique,
      sparse: !!s.sparse,
      p: s.partialFilterExpression ?? null,
      ttl: s.expireAfterSeconds ?? null,
    });
  return strip(a) === strip(b);
}

/**
 * A secondary index in memory. Ordinary ascending/descending fields keep a map
 * from the first field's value to document ids (point lookups and `$in`), and
 * unique indexes a map from the full key to the one id holding it.
 */
export class Index {
  readonly fields: string[];
  /** Whether the index may answer equality lookups (plain ascending/descending keys). */
  readonly queryable: boolean;
  private readonly partial?: Matcher;
  private readonly byFirst = new Map<string, Set<string>>();
  private readonly owners = new Map<string, string>();

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.queryable = Object.values(spec.key).every((d) => typeof d === 'number');
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  /** Per field, the values a document contributes (arrays expanded), or null if it is not indexed. */
  private fieldValues(doc: Document): unknown[][] | null {
    if (this.partial && !this.partial.test(doc)) return null;
    const perField = this.fields.map((f) =>
      valuesAtPath(doc, f).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v])),
    );
    if (this.spec.sparse && perField.every((vs) => vs.every((v) => v === undefined))) return null;
    const arrays = perField.filter((vs) => vs.length > 1).length;
    if (arrays > 1) {
      throw new MongoCommandError(171, `cannot index parallel arrays in index ${this.spec.name}`);
    }
    return perField;
  }

  private tupleKeys(perField: unknown[][]): { keys: string[]; values: unknown[][] } {
    let tuples: unknown[][] = [[]];
    for (const vs of perField)
      tuples = tuples.flatMap((t) => [...new Set(vs)].map((v) => [...t, v]));
    return { keys: tuples.map((t) => JSON.stringify(t.map(keyOf))), values: tuples };
  }

  /** Throws MongoDB's E11000 error if `doc` would duplicate another document's key. */
  checkUnique(ns: string, idKey: string, doc: Document, ignore?: (owner: string) => boolean): void {
    for (const { owner, values } of this.conflicts(idKey, doc)) {
      if (!ignore?.(owner)) throw duplicateKey(ns, this.spec, values);
    }
  }

  /** Other documents already holding one of `doc`'s unique keys, with the key's values. */
  conflicts(idKey: string, doc: Document): { owner: string; values: unknown[] }[] {
    if (!this.spec.unique) return [];
    const perField = this.fieldValues(doc);
    if (!perField) return [];
    const { keys, values } = this.tupleKeys(perField);
    const out: { owner: string; values: unknown[] }[] = [];
    keys.forEach((key, i) => {
      const owner = this.owners.get(key);
      if (owner !== undefined && owner !== idKey) out.push({ owner, values: values[i]! });
    });
    return out;
  }

  /** Adds a document's entries. Call {@link checkUnique} first. */
  add(idKey: string, doc: Document): void {
    const perField = this.fieldValues(doc);
    if (!perField) return;
    if (this.queryable) {
      for (const v of new Set(perField[0]!.map(keyOf))) {
        const ids = this.byFirst.get(v);
        if (ids) ids.add(idKey);
        else this.byFirst.set(v, new Set([idKey]));
      }
    }
    if (this.spec.unique)
      for (const key of this.tupleKeys(perField).keys) this.owners.set(key, idKey);
  }

  /** Removes a document's entries. */
  remove(idKey: string, doc: Document): void {
    let perField: unknown[][] | null;
    try {
      perField = this.fieldValues(doc);
    } catch {
      return;
    }
    if (!perField) return;
    if (this.queryable) {
      for (const v of new Set(perField[0]!.map(keyOf))) {
        const ids = this.byFirst.get(v);
        ids?.delete(idKey);
        if (ids?.size === 0) this.byFirst.delete(v);
      }
    }
    if (this.spec.unique) {
      for (const key of this.tupleKeys(perField).keys)
        if (this.owners.get(key) === idKey) this.owners.delete(key);
    }
  }

  /** Ids whose first indexed field equals one of `valueKeys`; undefined when this index cannot say. */
  lookup(valueKeys: string[]): Set<string> | undefined {
    if (!this.queryable || this.partial || this.spec.sparse) return undefined;
    // One key (a point lookup) returns the live set: callers only read it, synchronously.
    if (valueKeys.length === 1) return this.byFirst.get(valueKeys[0]!) ?? new Set();
    const out = new Set<string>();
    for (const k of valueKeys) for (const id of this.byFirst.get(k) ?? []) out.add(id);
    return out;
  }
}

/** MongoDB's duplicate key error: code 11000 with `keyPattern`, `keyValue` and the E11000 errmsg. */
export function duplicateKey(ns: string, spec: IndexSpec, values: unknown[]): MongoCommandError {
  const keyValue: Document = {};
  Object.keys(spec.key).forEach((field, i) => {
    keyValue[field] = values[i] ?? null;
  });
  const shown = Object.entries(keyValue)
    .map(
      ([f, v]) =>
        `${f}: ${v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? `new Date(${v.getTime()})` : typeof (v as { toHexString?: unknown }).toHexString === 'function' ? `ObjectId('${(v as { toHexString(): string }).toHexString()}')` : JSON.stringify(v)}`,
    )
    .join(', ');
  return new MongoCommandError(
    Codes.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: { ${shown} }`,
    { keyPattern: spec.key, keyValue },
  );
}
