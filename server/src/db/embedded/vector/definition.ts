import type { Document } from 'bson';
import { isPlainObject } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';

/** The similarity functions Atlas Vector Search offers. */
export type Similarity = 'cosine' | 'euclidean' | 'dotProduct';

/** A validated `vectorSearch` index definition. */
export interface VectorDefinition {
  path: string;
  numDimensions: number;
  similarity: Similarity;
  /** Paths declared `{ type: 'filter' }`: the only ones `$vectorSearch.filter` may use. */
  filterPaths: string[];
}

const similarities = new Set<string>(['cosine', 'euclidean', 'dotProduct']);

function invalid(message: string): never {
  throw new MongoCommandError(Codes.InvalidOptions, `Invalid search index definition: ${message}`);
}

/**
 * Validates a `vectorSearch` definition as Atlas does: exactly one vector
 * field (the embedded store indexes one vector path per index), 1–8192
 * dimensions, a known similarity, and optional filter fields.
 */
export function parseVectorDefinition(definition: unknown): VectorDefinition {
  if (!isPlainObject(definition) || !Array.isArray(definition.fields)) {
    invalid('"fields" must be an array');
  }
  const vectors: VectorDefinition[] = [];
  const filterPaths: string[] = [];
  for (const field of definition.fields as unknown[]) {
    if (!isPlainObject(field) || typeof field.path !== 'string' || !field.path) {
      invalid('every field needs a "path"');
    }
    if (field.type === 'filter') {
      filterPaths.push(field.path);
    } else if (field.type === 'vector') {
      const dims = Number(field.numDimensions);
      if (!Number.isInteger(dims) || dims < 1 || dims > 8192) {
        invalid(`"numDimensions" must be an integer between 1 and 8192 (path ${field.path})`);
      }
      if (typeof field.similarity !== 'string' || !similarities.has(field.similarity)) {
        invalid(`"similarity" must be one of cosine, euclidean, dotProduct (path ${field.path})`);
      }
      if (field.quantization !== undefined && field.quantization !== 'none') {
        invalid(
          `quantization "${String(field.quantization)}" is not supported by the Parley embedded store`,
        );
      }
      vectors.push({
        path: field.path,
        numDimensions: dims,
        similarity: field.similarity as Similarity,
        filterPaths,
      });
    } else if (field.type === 'autoEmbed' || field.type === 'text') {
      invalid(
        'automatic embedding is not supported by the Parley embedded store; store vectors and use "type": "vector"',
      );
    } else {
      invalid(`unknown field type ${JSON.stringify(field.type)}`);
    }
  }
  if (vectors.length !== 1) {
    invalid(`expected exactly one "vector" field, found ${vectors.length}`);
  }
  return vectors[0]!;
}

/** Normalises one `createSearchIndexes` entry into the spec `$listSearchIndexes` reports. */
export function searchIndexSpec(raw: unknown, id: string): Document {
  if (!isPlainObject(raw) || !isPlainObject(raw.definition)) {
    throw new MongoCommandError(
      Codes.FailedToParse,
      'a search index needs a "definition" document',
    );
  }
  const type = raw.type ?? 'search';
  if (type !== 'search' && type !== 'vectorSearch') {
    throw new MongoCommandError(
      Codes.InvalidOptions,
      `unknown search index type ${JSON.stringify(type)}`,
    );
  }
  if (type === 'vectorSearch') parseVectorDefinition(raw.definition);
  const name = raw.name ?? 'default';
  if (typeof name !== 'string' || !name)
    throw new MongoCommandError(Codes.InvalidOptions, 'search index name must be a string');
  return { id, name, type, definition: raw.definition };
}
