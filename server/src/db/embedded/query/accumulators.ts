import { Decimal128, type Document, Long } from 'bson';
import { $push } from 'mingo/operators/accumulator';
import type { Options } from 'mingo/types';
import { bsonTag } from '../engine/values';

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

/** The `$sum` accumulator operator for a mingo context. */
export const sumAccumulator = (coll: Document[], expr: unknown, options: Options) => {
  if (typeof expr === 'number') return coll.length * expr;
  return sumValues($push(coll, expr, options) as unknown[]);
};
