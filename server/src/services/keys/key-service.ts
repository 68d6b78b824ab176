import { type Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { type ApiKey, apiKeyModel } from '../../models/api-key';
import {
  generateKey,
  hashKey,
  type KeyKind,
  type KeyMode,
  keyMatchesHash,
  keyPrefix,
  parseKey,
} from './key-format';

/** A key as lists show it: never the secret, only its prefix. */
export interface ApiKeyView {
  id: string;
  kind: KeyKind;
  mode: KeyMode;
  name: string;
  prefix: string;
  /** The full key, publishable keys only (they live in page source anyway). */
  value: string | null;
  scopes: string[];
  status: 'active' | 'expiring' | 'expired' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
}

/** What creating or rotating returns: the view and, this once, the full key. */
export interface CreatedKey {
  key: ApiKeyView;
  /** The full key. For secret keys this is the only time it is ever available. */
  secret: string;
}

/** Options for a new key. */
export interface NewKey {
  kind: KeyKind;
  mode: KeyMode;
  name?: string;
  scopes?: string[];
  expiresAt?: Date | null;
  createdBy?: Types.ObjectId | string | null;
  /** A fixed key string (demo seed only: `pk_test_parley_demo`). */
  fixedValue?: string;
}

/** Longest grace period a rotation may give the old key: 30 days. */
export const maxGraceSeconds = 30 * 24 * 3600;
/** `lastUsedAt` is written at most this often per key, so hot keys do not write on every request. */
const touchIntervalMs = 60_000;

/** Creates, lists, rotates, revokes and verifies API keys. */
export class KeyService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get model() {
    return apiKeyModel(this.connection);
  }

  /** Creates a key for a tenant. */
  async create(tenantId: Types.ObjectId | string, options: NewKey): Promise<CreatedKey> {
    const secret = options.fixedValue ?? generateKey(options.kind, options.mode);
    const parsed = parseKey(secret);
    if (!parsed || parsed.kind !== options.kind || parsed.mode !== options.mode) {
      throw new Error(`KeyService.create: ${secret} is not a ${options.mode} ${options.kind} key`);
    }
    const doc = await tenantScope(this.model, tenantId).create({
      kind: options.kind,
      mode: options.mode,
      name: options.name ?? '',
      prefix: keyPrefix(secret),
      hash: hashKey(secret),
      value: options.kind === 'publishable' ? secret : null,
      scopes: options.kind === 'secret' ? (options.scopes ?? ['*']) : [],
      expiresAt: options.expiresAt ?? null,
      createdBy: options.createdBy ? new Types.ObjectId(String(options.createdBy)) : null,
    } as Partial<ApiKey>);
    return { key: this.view(doc.toObject() as ApiKey), secret };
  }

  /** The tenant's keys, newest first. */
  async list(tenantId: Types.ObjectId | string): Promise<ApiKeyView[]> {
    const docs = await tenantScope(this.model, tenantId)
      .find({}, null, { sort: { createdAt: -1, _id: -1 } })
      .lean<ApiKey[]>()
      .exec();
    return docs.map((doc) => this.view(doc));
  }

  /** One key of the tenant, or 404 (also for another tenant's key id). */
  async get(tenantId: Types.ObjectId | string, keyId: string): Promise<ApiKey> {
    if (!Types.ObjectId.isValid(keyId))
      throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such key.' });
    const doc = await tenantScope(this.model, tenantId).findById(keyId).lean<ApiKey>().exec();
    if (!doc) throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such key.' });
    return doc;
  }

  /**
   * Replaces a key with a new one of the same kind, mode, name and scopes.
   * The old key keeps working for `graceSeconds` (0 = stops now), so clients
   * can switch without downtime.
   */
  async rotate(
    tenantId: Types.ObjectId | string,
    keyId: string,
    options: { graceSeconds: number; createdBy?: Types.ObjectId | string | null },
  ): Promise<{ old: ApiKeyView; created: CreatedKey }> {
    const old = await this.get(tenantId, keyId);
    if (old.revokedAt || (old.expiresAt && old.expiresAt <= this.now())) {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: 'This key is revoked or expired; create a new key instead.',
      });
    }
    if (old.value === 'pk_test_parley_demo') {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message:
          'The demo key is fixed so the example pages keep working; create a new key instead.',
      });
    }
    const created = await this.create(tenantId, {
      kind: old.kind,
      mode: old.mode,
      name: old.name,
      scopes: old.scopes,
      createdBy: options.createdBy ?? null,
    });
    const graceEnds = new Date(this.now().getTime() + options.graceSeconds * 1000);
    const expiresAt = old.expiresAt && old.expiresAt < graceEnds ? old.expiresAt : graceEnds;
    const updated = await tenantScope(this.model, tenantId)
      .findOneAndUpdate(
        { _id: old._id },
        { $set: { expiresAt, replacedBy: new Types.ObjectId(created.key.id) } },
        { new: true },
      )
      .lean<ApiKey>()
      .exec();
    return { old: this.view(updated!), created };
  }

  /** Revokes a key at once. Revoking twice is harmless and keeps the first time. */
  async revoke(tenantId: Types.ObjectId | string, keyId: string): Promise<ApiKeyView> {
    const key = await this.get(tenantId, keyId);
    if (key.revokedAt) return this.view(key);
    const updated = await tenantScope(this.model, tenantId)
      .findOneAndUpdate({ _id: key._id }, { $set: { revokedAt: this.now() } }, { new: true })
      .lean<ApiKey>()
      .exec();
    return this.view(updated!);
  }

  /**
   * Resolves a presented key to its record, or `undefined` when it is
   * malformed, of the wrong kind, unknown, revoked or expired. This is the
   * one unscoped read: the key is what tells us the tenant. Candidates come
   * by prefix and the full key is compared by hash in constant time.
   */
  async verify(presented: string, kind: KeyKind): Promise<ApiKey | undefined> {
    const parsed = parseKey(presented);
    if (!parsed || parsed.kind !== kind) return undefined;
    const candidates = await this.model
      .find({ prefix: keyPrefix(presented), kind })
      .limit(10)
      .lean<ApiKey[]>()
      .exec();
    const now = this.now();
    const match = candidates.find((c) => keyMatchesHash(presented, c.hash));
    if (!match || match.revokedAt || (match.expiresAt && match.expiresAt <= now)) return undefined;
    return match;
  }

  /** Deletes a key record by its full value (demo seed only, to re-create the fixed demo key). */
  async purge(tenantId: Types.ObjectId | string, value: string): Promise<void> {
    await tenantScope(this.model, tenantId).deleteMany({ hash: hashKey(value) });
  }

  /** Records that a key was used, at most once a minute per key; failures are ignored. */
  touch(key: ApiKey): void {
    const now = this.now();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < touchIntervalMs) return;
    tenantScope(this.model, key.tenantId)
      .updateOne({ _id: key._id }, { $set: { lastUsedAt: now } })
      .exec()
      .catch(() => {});
  }

  /** The API shape of a key record. */
  view(doc: ApiKey): ApiKeyView {
    const now = this.now();
    let status: ApiKeyView['status'] = 'active';
    if (doc.revokedAt) status = 'revoked';
    else if (doc.expiresAt && doc.expiresAt <= now) status = 'expired';
    else if (doc.expiresAt) status = 'expiring';
    return {
      id: String(doc._id),
      kind: doc.kind,
      mode: doc.mode,
      name: doc.name,
      prefix: doc.prefix,
      value: doc.kind === 'publishable' ? doc.value : null,
      scopes: doc.scopes,
      status,
      createdAt: doc.createdAt.toISOString(),
      lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
      expiresAt: doc.expiresAt?.toISOString() ?? null,
      revokedAt: doc.revokedAt?.toISOString() ?? null,
      replacedBy: doc.replacedBy ? String(doc.replacedBy) : null,
    };
  }
}
