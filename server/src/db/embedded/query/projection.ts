import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Codes, MongoCommandError } from '../errors';
import { mingoOptions } from './mingo-context';

/**
 * Compiles a find projection into a function over a batch of documents.
 * MongoDB's find projection (4.4+) is the aggregation `$project` language,
 * which mingo implements, including `$slice`, `$elemMatch` and `$meta`.
 */
export function projector(projection: unknown): (docs: Document[]) => Document[] {
  if (projection === undefined || projection === null) return (docs) => docs;
  if (typeof projection !== 'object' || Array.isArray(projection)) {
    throw new MongoCommandError(Codes.TypeMismatch, 'projection must be an object');
  }
  if (Object.keys(projection).length === 0) return (docs) => docs;
  if (Object.keys(projection).some((k) => k.endsWith('.$'))) {
    throw new MongoCommandError(
      Codes.NotImplemented,
      'the positional projection operator (field.$) is not supported by the Parley embedded store; use $elemMatch',
    );
  }
  let aggregator: Aggregator;
  try {
    aggregator = new Aggregator([{ $project: projection }], mingoOptions());
    aggregator.run([{}]);
  } catch (error) {
    throw new MongoCommandError(Codes.BadValue, `invalid projection: ${(error as Error).message}`);
  }
  return (docs) => aggregator.run(docs) as Document[];
}
