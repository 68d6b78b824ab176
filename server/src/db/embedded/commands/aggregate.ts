import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { Collection, CollectionHandle } from '../engine/collection';
import { cloneValue, isPlainObject } from '../engine/values';
import { Codes, MongoCommandError } from '../errors';
import { META, mingoOptions } from '../query/mingo-context';
import {
  type CommandContext,
  type CommandTable,
  collectionName,
  intOption,
  rejectCollation,
} from './context';
import { cursorReply } from './read';

/**
 * A stage that must come first and produces documents itself instead of
 * reading the collection (`$vectorSearch`, `$listSearchIndexes`).
 */
export type SourceStage = (
  spec: unknown,
  collection: Collection | undefined,
  context: CommandContext,
) => Document[];

/** Registered source stages, keyed by stage name; other modules add to it. */
export const sourceStages: Record<string, SourceStage> = {};

/** Stages that only build new objects, so stored documents may be passed to mingo uncloned. */
const readOnlyStages = new Set([
  '$match',
  '$sort',
  '$limit',
  '$skip',
  '$group',
  '$count',
  '$project',
  '$sortByCount',
  '$lookup',
  '$facet',
  '$bucket',
  '$bucketAuto',
  '$sample',
  '$replaceRoot',
  '$replaceWith',
  '$unwind',
]);

function mutates(pipeline: Document[]): boolean {
  return pipeline.some((stage) => {
    const [name] = Object.keys(stage);
    if (name === '$facet')
      return Object.values(stage.$facet as Document).some((p) => mutates(p as Document[]));
    if (name === '$lookup' && Array.isArray((stage.$lookup as Document).pipeline)) {
      return mutates((stage.$lookup as Document).pipeline as Document[]);
    }
    return !readOnlyStages.has(name ?? '');
  });
}

function validatePipeline(pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline)) {
    throw new MongoCommandError(
      Codes.TypeMismatch,
      "'pipeline' option must be specified as an array",
    );
  }
  pipeline.forEach((stage, i) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new MongoCommandError(
        Codes.Location40323,
        'A pipeline stage specification object must contain exactly one field.',
      );
    }
    const [name] = Object.keys(stage) as [string];
    if (i > 0 && sourceStages[name]) {
      throw new MongoCommandError(
        Codes.Location40602,
        `${name} is only valid as the first stage in a pipeline`,
      );
    }
  });
  return pipeline as Document[];
}

/** Runs a pipeline over a collection (or a source stage's output) and returns every result. */
export function runPipeline(
  collection: CollectionHandle | undefined,
  pipeline: Document[],
  context: CommandContext,
): Document[] {
  let stages = pipeline;
  let input: Document[];
  const [first] = stages;
  const firstName = first ? Object.keys(first)[0]! : '';
  if (first && sourceStages[firstName]) {
    input = sourceStages[firstName]!(first[firstName], collection?.base, context);
    stages = stages.slice(1);
  } else if (first && firstName === '$match' && collection) {
    input = collection.find(first.$match as Document);
    stages = stages.slice(1);
  } else {
    input = collection ? [...collection.all()] : [];
  }
  if (stages.length === 0) return input;
  const clone = mutates(stages);
  const resolver = (name: string) => {
    const foreign = context.collection(name);
    const docs = foreign ? [...foreign.all()] : [];
    return clone ? docs.map(cloneValue) : docs;
  };
  // Copies keep the $meta values (a symbol property) that source stages attach.
  const copy = (doc: Document) =>
    Object.assign(cloneValue(doc), { [META]: (doc as { [META]?: unknown })[META] });
  try {
    return new Aggregator(stages, mingoOptions(resolver)).run(
      clone ? input.map(copy) : input,
    ) as Document[];
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    const message = (error as Error).message;
    const code = /unregistered pipeline operator|unknown/i.test(message)
      ? Codes.Location40324
      : Codes.BadValue;
    throw new MongoCommandError(
      code,
      message.replace(
        /^unregistered pipeline operator (\S+)\.?/,
        'Unrecognized pipeline stage name: $1',
      ),
    );
  }
}

/** aggregate. */
export const aggregateCommands: CommandTable = {
  aggregate(command, context) {
    rejectCollation(command.collation);
    const pipeline = validatePipeline(command.pipeline);
    if (command.explain)
      throw new MongoCommandError(
        Codes.NotImplemented,
        'explain is not supported by the Parley embedded store',
      );
    if (command.cursor === undefined) {
      throw new MongoCommandError(
        Codes.FailedToParse,
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    }
    let collection: CollectionHandle | undefined;
    let ns: string;
    if (command.aggregate === 1) {
      const [first] = pipeline;
      if (!first || !('$documents' in first)) {
        throw new MongoCommandError(
          Codes.InvalidNamespace,
          '{aggregate: 1} is only supported with $documents by the Parley embedded store',
        );
      }
      ns = `${context.db}.$cmd.aggregate`;
    } else {
      const name = collectionName(command, 'aggregate');
      collection = context.collection(name);
      ns = `${context.db}.${name}`;
    }
    const docs = runPipeline(collection, pipeline, context);
    const batchSize = intOption((command.cursor as Document) ?? {}, 'batchSize');
    return cursorReply(context.cursors.first(ns, docs, batchSize), true);
  },
};
