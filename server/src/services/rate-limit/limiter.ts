import type { Connection } from 'mongoose';
import { rateLimitModel } from '../../models/rate-limit';

/** A limit: at most `limit` hits per `windowMs`. */
export interface Limit {
  limit: number;
  windowMs: number;
}

/** The outcome of one hit. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Hits left in the current window (estimate), never negative. */
  remaining: number;
  /** Seconds until a retry can succeed; 0 when allowed. */
  retryAfterSeconds: number;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Rate limits counted in MongoDB so every server instance shares them.
 *
 * Sliding-window approximation (as Cloudflare describes it): a fixed-window
 * counter per bucket plus the previous window's count weighted by how much of
 * it still overlaps the sliding window. It smooths the 2x burst a plain fixed
 * window allows at the boundary, at the cost of one extra point read.
 */
export class RateLimiter {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => number = Date.now,
  ) {}

  private get model() {
    return rateLimitModel(this.connection);
  }

  /** Counts one hit against `bucket` and says whether it is within the limit. */
  async consume(bucket: string, { limit, windowMs }: Limit): Promise<RateDecision> {
    const now = this.now();
    const start = Math.floor(now / windowMs) * windowMs;
    const [current, previous] = await Promise.all([
      this.increment(`${bucket}:${start}`, new Date(start + 2 * windowMs)),
      this.count(`${bucket}:${start - windowMs}`),
    ]);
    return decide({ now, start, windowMs, limit, current, previous, counted: true });
  }

  /** Reads a bucket without counting a hit (login throttling counts failures only). */
  async peek(bucket: string, { limit, windowMs }: Limit): Promise<RateDecision> {
    const now = this.now();
    const start = Math.floor(now / windowMs) * windowMs;
    const [current, previous] = await Promise.all([
      this.count(`${bucket}:${start}`),
      this.count(`${bucket}:${start - windowMs}`),
    ]);
    return decide({ now, start, windowMs, limit, current, previous, counted: false });
  }

  /** Forgets a bucket (e.g. a user's failed sign-ins after a successful one). */
  async reset(bucket: string): Promise<void> {
    const prefix = bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.model.deleteMany({ _id: { $regex: `^${prefix}:\\d+$` } });
  }

  private async increment(id: string, expiresAt: Date): Promise<number> {
    // Two instances may upsert the same new window at once; the loser of the
    // unique-_id race retries and then finds the document to increment.
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model
          .findOneAndUpdate(
            { _id: id },
            { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
            { upsert: true, new: true, lean: true },
          )
          .exec();
        return doc?.count ?? 1;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 2) throw error;
      }
    }
  }

  private async count(id: string): Promise<number> {
    const doc = await this.model.findById(id, { count: 1 }).lean().exec();
    return doc?.count ?? 0;
  }
}

/** The sliding-window estimate and, when over, how long until it drops below the limit. */
export function decide(input: {
  now: number;
  start: number;
  windowMs: number;
  limit: number;
  current: number;
  previous: number;
  /** Whether `current` includes the hit being decided. */
  counted: boolean;
}): RateDecision {
  const { now, start, windowMs, limit, current, previous, counted } = input;
  const elapsed = now - start;
  const weight = 1 - elapsed / windowMs;
  // A peek asks "would one more hit pass?", so it adds the hypothetical hit.
  const estimate = previous * weight + current + (counted ? 0 : 1);
  if (estimate <= limit) {
    return {
      allowed: true,
      limit,
      remaining: Math.max(0, Math.floor(limit - estimate)),
      retryAfterSeconds: 0,
    };
  }
  let waitMs: number;
  if (current + (counted ? 0 : 1) > limit) {
    // Even with the previous window fully decayed this window is over: wait for the next.
    waitMs = start + windowMs - now;
  } else {
    // Wait until the previous window's weight has decayed enough.
    const neededWeight = (limit - current - (counted ? 0 : 1)) / previous;
    waitMs = (1 - neededWeight) * windowMs - elapsed;
  }
  return {
    allowed: false,
    limit,
    remaining: 0,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  };
}
