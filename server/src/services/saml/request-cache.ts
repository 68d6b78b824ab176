import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import {
  type SamlRequest,
  type SamlRequestPurpose,
  samlRequestModel,
} from '../../models/saml-request';
import { REQUEST_TTL_MS } from './strategy-options';

/** What to remember about a login when it starts, for when the response arrives. */
export interface RequestContext {
  purpose: SamlRequestPurpose;
  startedBy?: Types.ObjectId | null;
  returnTo?: string | null;
}

/**
 * node-saml's InResponseTo cache for one tenant and one HTTP request, stored
 * in MongoDB (`samlRequests`) so it works across server instances. Reading a
 * request id claims it atomically (`consumedAt` set if unset), so a request
 * is answered at most once even when two responses to it race; the claimed
 * record stays on this instance as {@link consumed}, which the ACS reads to
 * learn the login's purpose.
 */
export class SamlRequestCache implements CacheProvider {
  /** The request this HTTP request's response answered, once claimed. */
  consumed: SamlRequest | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly tenantId: Types.ObjectId,
    private readonly context: RequestContext = { purpose: 'console' },
    private readonly now: () => number = Date.now,
  ) {}

  private get requests() {
    return tenantScope(samlRequestModel(this.connection), this.tenantId);
  }

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    const createdAt = this.now();
    await this.requests.create({
      requestId: key,
      value,
      purpose: this.context.purpose,
      startedBy: this.context.startedBy ?? null,
      returnTo: this.context.returnTo ?? null,
      consumedAt: null,
      expiresAt: new Date(createdAt + REQUEST_TTL_MS),
    });
    return { value, createdAt };
  }

  async getAsync(key: string): Promise<string | null> {
    // node-saml asks twice per response (Response, then SubjectConfirmationData).
    if (this.consumed?.requestId === key) return this.consumed.value;
    const now = new Date(this.now());
    const claimed = await this.requests
      .findOneAndUpdate(
        { requestId: key, consumedAt: null, expiresAt: { $gt: now } },
        { $set: { consumedAt: now } },
        { new: true },
      )
      .lean<SamlRequest>();
    if (!claimed) return null;
    this.consumed = claimed;
    return claimed.value;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    await this.requests.deleteOne({ requestId: key });
    return key;
  }
}
