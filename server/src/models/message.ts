import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** A source an answer was grounded in, as shown to the user. */
export interface MessageSource {
  id: string;
  documentId: string;
  title: string;
  url?: string;
  heading?: string;
  snippet: string;
  score: number;
}

/** How an answer ended; `streaming` while it is being written. */
export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'aborted' | 'error';

/** The end user's rating of an answer. */
export interface MessageFeedback {
  rating: 'up' | 'down';
  comment?: string;
  at: Date;
}

/** One turn of a conversation: the user's question or the assistant's answer. */
export interface Message {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  conversationId: Types.ObjectId;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  sources: MessageSource[];
  /** `stop`, `length`, `content_filter`, `refusal`, `stopped` or `aborted`. */
  finishReason?: string;
  errorCode?: string;
  /** Which responder answered, e.g. `openai:gpt-4o-mini`. */
  responder?: string;
  usage?: { promptTokens: number; completionTokens: number; estimated: boolean };
  /** Milliseconds from the request: retrieval done, first token out, last event out. */
  latency?: { retrievalMs?: number; firstTokenMs?: number; totalMs?: number };
  feedback?: MessageFeedback;
  createdAt: Date;
  updatedAt: Date;
}

const sourceSchema = new Schema<MessageSource>(
  {
    id: { type: String, required: true },
    documentId: { type: String, required: true },
    title: { type: String, required: true },
    url: String,
    heading: String,
    snippet: { type: String, default: '' },
    score: { type: Number, default: 0 },
  },
  { _id: false },
);

/** The `messages` collection's schema. */
export const messageSchema = new Schema<Message>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, required: true, enum: ['user', 'assistant'] },
    content: { type: String, default: '' },
    status: {
      type: String,
      required: true,
      enum: ['streaming', 'complete', 'stopped', 'aborted', 'error'],
    },
    sources: { type: [sourceSchema], default: [] },
    finishReason: String,
    errorCode: String,
    responder: String,
    usage: {
      type: new Schema(
        { promptTokens: Number, completionTokens: Number, estimated: Boolean },
        { _id: false },
      ),
    },
    latency: {
      type: new Schema(
        { retrievalMs: Number, firstTokenMs: Number, totalMs: Number },
        { _id: false },
      ),
    },
    feedback: {
      type: new Schema(
        { rating: { type: String, enum: ['up', 'down'] }, comment: String, at: Date },
        { _id: false },
      ),
    },
  },
  { collection: 'messages', timestamps: true },
);
// History reads one conversation's messages in order.
messageSchema.index({ tenantId: 1, conversationId: 1, createdAt: 1 });

/** The Message model on a connection. */
export function messageModel(connection: Connection): Model<Message> {
  return connection.models.Message ?? connection.model<Message>('Message', messageSchema);
}
