import { Decimal128, type Document, Long } from 'bson';
import { Codes, MongoCommandError } from '../errors';
import { bsonTag, getPath, isPlainObject } from './values';

const isNumeric = (v: unknown) =>
  typeof v === 'number' || bsonTag(v) === 'Long' || bsonTag(v) === 'Decimal128';
const isWide = (v: unknown) => bsonTag(v) === 'Long' || bsonTag(v) === 'Decimal128';

function combine(op: '$inc' | '$mul', current: unknown, operand: unknown): unknown {
  const tags = [bsonTag(current), bsonTag(operand)];
  if (tags.includes('Decimal128')) {
    const a = Number(String(current ?? 0));
    const b = Number(String(operand));
    return Decimal128.fromString(String(op === '$inc' ? a + b : a * b));
  }
  const integral = (v: unknown) => bsonTag(v) === 'Long' || Number.isInteger(v);
  if (integral(current ?? 0) && integral(operand)) {
    const big = (v: unknown) =>
      bsonTag(v) === 'Long' ? (v as Long).toBigInt() : BigInt(v as number);
    const a = big(current ?? 0);
    const b = big(operand);
    return Long.fromBigInt(op === '$inc' ? a + b : a * b);
  }
  const a = Number(String(current ?? 0));
  const b = Number(String(operand));
  return op === '$inc' ? a + b : a * b;
}

/**
 * `$inc` and `$mul` as MongoDB does them where mingo would not: a Long or
 * Decimal128 on either side is computed exactly here (and the result keeps
 * the wider type), and a non-numeric target is a TypeMismatch rather than a
 * silent no-op. Such fields move to `$set`; the rest stays for mingo.
 */
export function arithmetic(doc: Document, update: Document): Document {
  let out = update;
  for (const op of ['$inc', '$mul'] as const) {
    const fields = update[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, operand] of Object.entries(fields)) {
      if (!isNumeric(operand)) {
        throw new MongoCommandError(
          Codes.TypeMismatch,
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`,
        );
      }
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current !== undefined && current !== null && !isNumeric(current)) {
        throw new MongoCommandError(
          Codes.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(String(doc._id))}} has the field '${path}' of non-numeric type ${Array.isArray(current) ? 'array' : typeof current}`,
        );
      }
      if (!isWide(current) && !isWide(operand)) continue;
      const rest = { ...(out[op] as Document) };
      delete rest[path];
      out = {
        ...out,
        [op]: rest,
        $set: { ...(out.$set as Document), [path]: combine(op, current, operand) },
      };
      if (Object.keys(rest).length === 0) delete out[op];
    }
  }
  return out;
}
