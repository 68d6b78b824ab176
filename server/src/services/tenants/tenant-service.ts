import type { Connection, Types } from 'mongoose';
import { ParleyError } from '../../errors';
import { type Tenant, type TenantStatus, tenantModel } from '../../models/tenant';
import { randomBase62 } from '../keys/key-format';
import { defaultWidgetSettings, type TenantPatch } from './schemas';
import { type TenantView, tenantView } from './views';

/** Each failed attempt means another request changed the origins: a bound for pathological contention. */
const maxGuardedAttempts = 20;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** Tenants: create, read and update. The tenant document is looked up by its own id. */
export class TenantService {
  constructor(private readonly connection: Connection) {}

  private get model() {
    return tenantModel(this.connection);
  }

  /** Creates a tenant; 409 `PARLEY_TENANT_SLUG_TAKEN` when the slug is in use. */
  async create(input: {
    name: string;
    slug: string;
    allowedOrigins?: string[];
    plan?: string;
  }): Promise<Tenant> {
    try {
      const doc = await this.model.create({
        name: input.name,
        slug: input.slug,
        plan: input.plan ?? 'free',
        allowedOrigins: input.allowedOrigins ?? [],
        widget: { ...defaultWidgetSettings },
        identitySecret: randomBase62(48),
      });
      return doc.toObject() as Tenant;
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ParleyError('PARLEY_TENANT_SLUG_TAKEN', {
          message: `Another workspace already uses the slug "${input.slug}".`,
        });
      }
      throw error;
    }
  }

  /** A tenant by id (lean), or `undefined`. */
  async findById(id: Types.ObjectId | string): Promise<Tenant | undefined> {
    return (await this.model.findById(id).lean<Tenant>().exec()) ?? undefined;
  }

  /** A tenant by slug (lean), or `undefined`. */
  async findBySlug(slug: string): Promise<Tenant | undefined> {
    if (typeof slug !== 'string') return undefined;
    return (
      (await this.model.findOne({ slug: slug.toLowerCase() }).lean<Tenant>().exec()) ?? undefined
    );
  }

  /** The tenant by id, or 404. */
  async get(id: Types.ObjectId | string): Promise<Tenant> {
    const tenant = await this.findById(id);
    if (!tenant) throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such workspace.' });
    return tenant;
  }

  /** Every tenant, newest first (operators only). */
  async list(): Promise<TenantView[]> {
    const docs = await this.model
      .find({}, null, { sort: { createdAt: -1 } })
      .lean<Tenant[]>()
      .exec();
    return docs.map(tenantView);
  }

  /**
   * Applies a validated patch to one tenant. Widget settings merge field by
   * field; returns the views before and after for the audit log.
   *
   * `check` runs on the stored tenant just before the write and may throw to
   * refuse it (plan limits). When the patch sets the allowed origins, the
   * write only applies if they are still the ones `check` saw; if another
   * request changed them in between, the tenant is read and checked again.
   * So a limit on them holds however requests interleave.
   */
  async update(
    id: Types.ObjectId | string,
    patch: TenantPatch,
    options: { check?: (current: Tenant) => Promise<void> } = {},
  ): Promise<{ before: TenantView; after: TenantView }> {
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.allowedOrigins !== undefined) set.allowedOrigins = patch.allowedOrigins;
    for (const [field, value] of Object.entries(patch.widget ?? {})) set[`widget.${field}`] = value;
    const guarded = Boolean(options.check) && patch.allowedOrigins !== undefined;
    for (let attempt = 1; ; attempt++) {
      const before = await this.get(id);
      await options.check?.(before);
      if (!Object.keys(set).length)
        return { before: tenantView(before), after: tenantView(before) };
      const filter = guarded
        ? { _id: before._id, allowedOrigins: before.allowedOrigins }
        : { _id: before._id };
      const after = await this.model
        .findOneAndUpdate(filter, { $set: set }, { new: true })
        .lean<Tenant>()
        .exec();
      if (after) return { before: tenantView(before), after: tenantView(after) };
      // Unguarded, no match means the tenant is gone; guarded, the next `get` tells.
      if (!guarded) throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such workspace.' });
      if (attempt >= maxGuardedAttempts) {
        throw new ParleyError('PARLEY_RATE_LIMITED', {
          message: 'Other changes to the allowed origins are in progress; retry in a moment.',
        });
      }
    }
  }

  /** Suspends or reactivates a tenant, or changes its plan (operators). */
  async setAdmin(
    id: Types.ObjectId | string,
    change: { status?: TenantStatus; plan?: string },
  ): Promise<{ before: TenantView; after: TenantView }> {
    const before = await this.get(id);
    const after = await this.model
      .findByIdAndUpdate(before._id, { $set: change }, { new: true })
      .lean<Tenant>()
      .exec();
    return { before: tenantView(before), after: tenantView(after!) };
  }
}
