import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { ParleyError } from '../../errors';
import type { CountLimitName } from './plans';

/** One held lease: `_id` is `<limit>:<tenantId>`. */
interface LockDoc {
  _id: string;
  tenantId: string;
  holder: string;
  expiresAt: Date;
}

const collectionName = 'limitLocks';
const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Per-tenant leases on a counted limit, in the `limitLocks` collection, so a
 * "count, check, then write" section runs once at a time for one tenant and
 * limit across every server instance. Seats need it: the count is of user
 * documents, which no single conditional update can express.
 *
 * Taking a lease is one upsert filtered on "free or expired"; when another
 * holder has it, the insert collides on `_id` and the caller waits and tries
 * again. The holder deletes it when done. A lease whose process died expires
 * after `leaseMs` and is then taken over.
 */
export class LimitLocks {
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly connection: Connection,
    options: { leaseMs?: number; waitMs?: number } = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    // Waiting longer than a lease means a dead holder never blocks a live request.
    this.waitMs = options.waitMs ?? this.leaseMs + 5_000;
  }

  private get collection() {
    return this.connection.collection<LockDoc>(collectionName);
  }

  /** Runs `section` while holding the tenant's lease on `limit`; releases it however it ends. */
  async hold<T>(tenantId: string, limit: CountLimitName, section: () => Promise<T>): Promise<T> {
    const id = `${limit}:${tenantId}`;
    const holder = randomUUID();
    await this.acquire(id, tenantId, holder, limit);
    try {
      return await section();
    } finally {
      // Only our own lease: if it expired and someone took it over, theirs stays.
      await this.collection.deleteOne({ _id: id, holder });
    }
  }

  private async acquire(id: string, tenantId: string, holder: string, limit: string) {
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      const now = new Date();
      try {
        await this.collection.updateOne(
          { _id: id, expiresAt: { $lte: now } },
          { $set: { tenantId, holder, expiresAt: new Date(now.getTime() + this.leaseMs) } },
          { upsert: true },
        );
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      if (Date.now() >= deadline) {
        throw new ParleyError('PARLEY_RATE_LIMITED', {
          message: `Other changes to this workspace's ${limit} are in progress; retry in a moment.`,
        });
      }
      // Sections are a few queries long: poll soon, backing off a little, with jitter.
      await sleep(Math.min(100, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }
}
