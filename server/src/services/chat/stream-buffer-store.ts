import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import {
  type BufferedEvent,
  type StreamBuffer,
  streamBufferModel,
} from '../../models/stream-buffer';

/** What identifies a stream in the store. */
export interface StreamKey {
  messageId: string;
  tenantId: string;
  conversationId: string;
  owner: string;
}

/** Events of one stream waiting to be written. */
export interface PendingWrite {
  key: StreamKey;
  events: BufferedEvent[];
  ended: boolean;
}

/** The flags other instances set on a stream. */
export interface StreamFlags {
  stopRequestedAt?: Date;
  readerSeenAt?: Date;
}

/** A stream as another instance reads it for a resume, its events decoded. */
export type StoredStream = Pick<
  StreamBuffer,
  'owner' | 'ended' | 'heartbeatAt' | 'conversationId'
> & {
  events: BufferedEvent[];
};

/**
 * The `streamBuffers` collection, accessed in batches: one instance writes
 * all its streams' new events with one `bulkWrite` per tenant and reads
 * all their flags with one query, so the cost grows with instances and
 * ticks rather than with tokens.
 */
export class StreamBufferStore {
  private readonly model: Model<StreamBuffer>;

  constructor(
    connection: Connection,
    /** How long a buffer outlives its last write, in ms. */
    private readonly ttlMs: number,
  ) {
    this.model = streamBufferModel(connection);
  }

  /** Appends events (and heartbeats: an empty list) to their buffers, creating them on first write. */
  async write(writes: PendingWrite[], now = new Date()): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    for (const [tenantId, group] of groupBy(writes, (w) => w.key.tenantId)) {
      const ops = group.map(({ key, events, ended }) => {
        const update: Record<string, unknown> = {
          $set: { heartbeatAt: now, expiresAt, ...(ended ? { ended: true } : {}) },
          $setOnInsert: { conversationId: key.conversationId },
        };
        if (events.length) update.$push = { chunks: JSON.stringify(events) };
        const filter = { _id: key.messageId, owner: key.owner };
        return { updateOne: { filter, update, upsert: true } } as AnyBulkWriteOperation;
      });
      await tenantScope(this.model, tenantId).bulkWrite(ops);
    }
  }

  /** The stop and reader flags of the given streams that have any. */
  async flags(keys: StreamKey[]): Promise<Map<string, StreamFlags>> {
    const found = new Map<string, StreamFlags>();
    for (const [tenantId, group] of groupBy(keys, (k) => k.tenantId)) {
      const docs = await tenantScope(this.model, tenantId)
        .find(
          {
            _id: { $in: group.map((k) => k.messageId) },
            $or: [{ stopRequestedAt: { $ne: null } }, { readerSeenAt: { $ne: null } }],
          },
          { stopRequestedAt: 1, readerSeenAt: 1 },
        )
        .lean();
      for (const doc of docs) found.set(String(doc._id), doc);
    }
    return found;
  }

  /** Flags a stream for stopping; false when it is unknown, not the owner's or already over. */
  async requestStop(tenantId: string, messageId: string, owner: string): Promise<boolean> {
    const result = await tenantScope(this.model, tenantId).updateOne(
      { _id: messageId, owner, ended: false },
      { $set: { stopRequestedAt: new Date() } },
    );
    return result.matchedCount > 0;
  }

  /** Reads a stream for a resume and marks that a reader is attached. */
  async readForResume(
    tenantId: string,
    messageId: string,
    owner: string,
  ): Promise<StoredStream | null> {
    const doc = await tenantScope(this.model, tenantId)
      .findOneAndUpdate(
        { _id: messageId, owner },
        { $set: { readerSeenAt: new Date() } },
        {
          new: true,
          projection: { owner: 1, chunks: 1, ended: 1, heartbeatAt: 1, conversationId: 1 },
        },
      )
      .lean<StreamBuffer>();
    if (!doc) return null;
    const { chunks, ...rest } = doc;
    const events = (chunks ?? []).flatMap((chunk) => JSON.parse(chunk) as BufferedEvent[]);
    return { ...rest, events };
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
