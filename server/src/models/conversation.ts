import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * One chat between an end user and a tenant's assistant. Owned either by an
 * anonymous visitor (the id inside their visitor token) or by a verified
 * user (the host page's user id); only that owner may read or continue it.
 */
export interface Conversation {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  visitorId?: string;
  userId?: string;
  /** The first question, shortened; shown in the console's list. */
  title: string;
  messageCount: number;
  /** Answers in it rated up / down, for the console's filters. */
  feedbackUp: number;
  feedbackDown: number;
  lastMessageAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The `conversations` collection's schema. */
export const conversationSchema = new Schema<Conversation>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    visitorId: { type: String },
    userId: { type: String },
    title: { type: String, default: '' },
    messageCount: { type: Number, default: 0 },
    feedbackUp: { type: Number, default: 0 },
    feedbackDown: { type: Number, default: 0 },
    lastMessageAt: { type: Date, default: () => new Date() },
  },
  { collection: 'conversations', timestamps: true },
);
// The console lists a tenant's conversations newest first.
conversationSchema.index({ tenantId: 1, lastMessageAt: -1 });
// The widget lists one owner's conversations newest first (`GET /v1/conversations`): equality on
// tenant and owner, then the sort keys, so MongoDB walks only the newest `limit` entries with no
// in-memory sort. Partial: each index holds only conversations of its kind of owner; an equality
// on the owner field implies `$exists`, so the planner may use it.
conversationSchema.index(
  { tenantId: 1, userId: 1, lastMessageAt: -1, _id: -1 },
  { partialFilterExpression: { userId: { $exists: true } } },
);
conversationSchema.index(
  { tenantId: 1, visitorId: 1, lastMessageAt: -1, _id: -1 },
  { partialFilterExpression: { visitorId: { $exists: true } } },
);

/** The Conversation model on a connection. */
export function conversationModel(connection: Connection): Model<Conversation> {
  return (
    connection.models.Conversation ??
    connection.model<Conversation>('Conversation', conversationSchema)
  );
}
