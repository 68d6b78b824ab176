import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { samlAssertionModel } from '../../models/saml-assertion';

/** The signed facts that identify an accepted assertion. */
export interface AssertionClaim {
  assertionId: string;
  issuer: string;
  /** When the assertion can no longer be accepted anyway; the record may go then. */
  expiresAt: Date;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number })?.code === 11000;

/**
 * Remembers accepted assertion ids per tenant. {@link claim} is a plain
 * insert against a unique index, i.e. set-if-absent in one round trip: no
 * read-then-write window for a concurrent replay to slip through.
 */
export class AssertionReplayStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly connection: Connection) {}

  /** True the first time an assertion id is seen for a tenant, false on any replay. */
  async claim(tenantId: Types.ObjectId, claim: AssertionClaim): Promise<boolean> {
    const model = samlAssertionModel(this.connection);
    // The unique index must exist before the first claim, or two early inserts could both land.
    this.ready ??= model.init();
    await this.ready;
    try {
      await tenantScope(model, tenantId).create(claim);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
