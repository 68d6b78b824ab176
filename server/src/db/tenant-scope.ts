import type {
  AnyBulkWriteOperation,
  Model,
  PipelineStage,
  ProjectionType,
  QueryOptions,
  RootFilterQuery,
  Types,
  UpdateQuery,
} from 'mongoose';

/** A tenant id as stored on tenant data (an ObjectId) or its hex string. */
export type TenantId = Types.ObjectId | string;

/**
 * The one way to touch tenant data. Every query through a scope carries
 * `tenantId`, and writes cannot move a document to another tenant, so a
 * missing scope is a bug a test can find rather than a convention.
 *
 *     const docs = tenantScope(Document, tenantId);
 *     await docs.find({ status: 'ready' });
 */
export interface TenantScope<T> {
  readonly tenantId: TenantId;
  readonly model: Model<T>;
  /** The filter with this tenant's id forced into it. */
  filter(filter?: RootFilterQuery<T>): RootFilterQuery<T>;
  find(
    filter?: RootFilterQuery<T>,
    projection?: ProjectionType<T> | null,
    options?: QueryOptions<T> | null,
  ): ReturnType<Model<T>['find']>;
  findOne(
    filter?: RootFilterQuery<T>,
    projection?: ProjectionType<T> | null,
    options?: QueryOptions<T> | null,
  ): ReturnType<Model<T>['findOne']>;
  findById(id: unknown, projection?: ProjectionType<T> | null): ReturnType<Model<T>['findOne']>;
  countDocuments(filter?: RootFilterQuery<T>): ReturnType<Model<T>['countDocuments']>;
  create(doc: Partial<T>): Promise<ReturnType<Model<T>['hydrate']>>;
  insertMany(docs: Partial<T>[]): ReturnType<Model<T>['insertMany']>;
  updateOne(
    filter: RootFilterQuery<T>,
    update: UpdateQuery<T>,
    options?: QueryOptions<T>,
  ): ReturnType<Model<T>['updateOne']>;
  updateMany(
    filter: RootFilterQuery<T>,
    update: UpdateQuery<T>,
    options?: QueryOptions<T>,
  ): ReturnType<Model<T>['updateMany']>;
  findOneAndUpdate(
    filter: RootFilterQuery<T>,
    update: UpdateQuery<T>,
    options?: QueryOptions<T>,
  ): ReturnType<Model<T>['findOneAndUpdate']>;
  deleteOne(filter: RootFilterQuery<T>): ReturnType<Model<T>['deleteOne']>;
  deleteMany(filter?: RootFilterQuery<T>): ReturnType<Model<T>['deleteMany']>;
  distinct(field: string, filter?: RootFilterQuery<T>): Promise<unknown[]>;
  /** Runs a pipeline with a leading `$match` on this tenant. */
  aggregate<R = unknown>(
    pipeline: PipelineStage[],
  ): ReturnType<Model<T>['aggregate']> & Promise<R[]>;
  // biome-ignore lint/suspicious/noExplicitAny: mongoose's bulk op types need a Document-constrained T.
  bulkWrite(ops: AnyBulkWriteOperation<any>[]): ReturnType<Model<T>['bulkWrite']>;
}

/** Refuses updates that would change or unset a document's tenant. */
function guardUpdate<T>(update: UpdateQuery<T>): UpdateQuery<T> {
  const touchesTenant = (ops: unknown) =>
    ops !== null &&
    typeof ops === 'object' &&
    Object.keys(ops as object).some((k) => k === 'tenantId' || k.startsWith('tenantId.'));
  const u = update as Record<string, unknown>;
  if (
    touchesTenant(u) ||
    ['$set', '$unset', '$rename', '$setOnInsert'].some((op) => touchesTenant(u[op]))
  ) {
    throw new Error('tenantScope: an update may not change tenantId');
  }
  return update;
}

/** Builds the scope for one tenant on one model. The model must have a `tenantId` path. */
export function tenantScope<T>(model: Model<T>, tenantId: TenantId): TenantScope<T> {
  if (!tenantId) throw new Error('tenantScope: tenantId is required');
  if (!model.schema.path('tenantId'))
    throw new Error(`tenantScope: ${model.modelName} has no tenantId path`);
  const filter = (f: RootFilterQuery<T> = {}) =>
    ({ ...(f as object), tenantId }) as RootFilterQuery<T>;
  const withTenant = (doc: Partial<T>) => ({ ...doc, tenantId }) as Partial<T>;
  return {
    tenantId,
    model,
    filter,
    find: (f, projection, options) => model.find(filter(f), projection, options),
    findOne: (f, projection, options) => model.findOne(filter(f), projection, options),
    findById: (id, projection) =>
      model.findOne(filter({ _id: id } as RootFilterQuery<T>), projection),
    countDocuments: (f) => model.countDocuments(filter(f)),
    create: (doc) => model.create(withTenant(doc)) as never,
    insertMany: (docs) => model.insertMany(docs.map(withTenant)) as never,
    updateOne: (f, update, options) =>
      model.updateOne(filter(f), guardUpdate(update), options as never),
    updateMany: (f, update, options) =>
      model.updateMany(filter(f), guardUpdate(update), options as never),
    findOneAndUpdate: (f, update, options) =>
      model.findOneAndUpdate(filter(f), guardUpdate(update), options as never),
    deleteOne: (f) => model.deleteOne(filter(f)),
    deleteMany: (f) => model.deleteMany(filter(f)),
    distinct: (field, f) => model.distinct(field, filter(f)).exec() as Promise<unknown[]>,
    aggregate: (pipeline) =>
      model.aggregate([{ $match: { tenantId } } as PipelineStage, ...pipeline]) as never,
    bulkWrite: (ops) => model.bulkWrite(ops.map((op) => scopeBulkOp(op, tenantId)) as never),
  };
}

function scopeBulkOp(op: unknown, tenantId: TenantId): unknown {
  const o = op as Record<string, Record<string, unknown>>;
  const [kind] = Object.keys(o) as [string];
  const body = { ...o[kind] };
  if (kind === 'insertOne') body.document = { ...(body.document as object), tenantId };
  else {
    body.filter = { ...(body.filter as object), tenantId };
    if (body.update) guardUpdate(body.update as UpdateQuery<unknown>);
    if (body.replacement) body.replacement = { ...(body.replacement as object), tenantId };
  }
  return { [kind]: body } as never;
}
