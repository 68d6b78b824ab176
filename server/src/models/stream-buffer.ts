import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** One SSE event as sent, kept so a reconnect can replay it. */
export interface BufferedEvent {
  seq: number;
  event: string;
  /** The event's data, serialised to JSON on the wire. */
  data: unknown;
}

/**
 * The resume buffer of one answer stream (`_id` is the assistant message
 * id). It lives in MongoDB, not in process memory, so `Last-Event-ID`
 * resumes and `POST /v1/messages/:id/stop` work on any server instance;
 * a TTL index deletes it once `expiresAt` passes. It is created when the
 * stream starts; its events are written when the stream ends, and while it
 * runs only once a reader on another instance asks for it (`readerSeenAt`),
 * so a stream nobody resumes elsewhere costs two writes, not one per token.
 */
export interface StreamBuffer {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  conversationId: Types.ObjectId;
  /** The owner key of the conversation (`v:<visitorId>` or `u:<userId>`). */
  owner: string;
  /**
   * The events, as JSON text: each write appends one string holding the
   * JSON array of the events it adds. A few strings per stream instead of
   * one subdocument per token keep every write and read of a buffer cheap.
   */
  chunks: string[];
  /** True once `done` or `error` is stored. */
  ended: boolean;
  /** Set by a stop request on any instance; the generating instance polls it. */
  stopRequestedAt?: Date;
  /** Last time a reader on another instance polled this stream. */
  readerSeenAt?: Date;
  /** Last write by the generating instance; a stale one means it died. */
  heartbeatAt: Date;
  expiresAt: Date;
}

/** The `streamBuffers` collection's schema. */
export const streamBufferSchema = new Schema<StreamBuffer>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    owner: { type: String, required: true },
    chunks: { type: [String], default: [] },
    ended: { type: Boolean, default: false },
    stopRequestedAt: Date,
    readerSeenAt: Date,
    heartbeatAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'streamBuffers', versionKey: false },
);
streamBufferSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The StreamBuffer model on a connection. */
export function streamBufferModel(connection: Connection): Model<StreamBuffer> {
  return (
    connection.models.StreamBuffer ??
    connection.model<StreamBuffer>('StreamBuffer', streamBufferSchema)
  );
}
