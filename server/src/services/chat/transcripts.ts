import { type Connection, isValidObjectId } from 'mongoose';
import { type TenantScope, tenantScope } from '../../db/tenant-scope';
import { type Conversation, conversationModel } from '../../models/conversation';
import { type Message, messageModel } from '../../models/message';

/** A conversation in the console's list. */
export interface ConversationSummary {
  id: string;
  title: string;
  /** A verified user's id; anonymous visitors stay anonymous (their id is a secret handle). */
  user: string | null;
  messageCount: number;
  feedback: { up: number; down: number };
  lastMessageAt: string;
  createdAt: string;
}

/** A message as the console shows it: everything stored, for the tenant's admins. */
export type TranscriptMessage = Omit<
  Message,
  '_id' | 'tenantId' | 'conversationId' | 'createdAt' | 'updatedAt'
> & {
  id: string;
  createdAt: string;
};

/** Filters of the conversation list. */
export interface TranscriptQuery {
  limit: number;
  cursor?: string;
  /** Only conversations with an answer rated this way. */
  feedback?: 'up' | 'down';
  /** Words in the title (the first question). */
  q?: string;
}

function summary(c: Conversation): ConversationSummary {
  return {
    id: String(c._id),
    title: c.title,
    user: c.userId ?? null,
    messageCount: c.messageCount,
    feedback: { up: c.feedbackUp ?? 0, down: c.feedbackDown ?? 0 },
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  };
}

const encodeCursor = (c: Conversation) =>
  Buffer.from(`${c.lastMessageAt.getTime()}_${String(c._id)}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('_');
  if (!at || !/^\d{1,15}$/.test(at) || !id || !isValidObjectId(id)) return undefined;
  return { at: new Date(Number(at)), id };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The console's read-only view of one tenant's conversations. */
export class Transcripts {
  private readonly conversations: TenantScope<Conversation>;
  private readonly messages: TenantScope<Message>;

  constructor(connection: Connection, tenantId: string) {
    this.conversations = tenantScope(conversationModel(connection), tenantId);
    this.messages = tenantScope(messageModel(connection), tenantId);
  }

  /** Newest first, a page at a time; `nextCursor` is null on the last page. */
  async list(
    query: TranscriptQuery,
  ): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
    const filter: Record<string, unknown> = {};
    if (query.feedback === 'up') filter.feedbackUp = { $gt: 0 };
    if (query.feedback === 'down') filter.feedbackDown = { $gt: 0 };
    if (query.q?.trim()) filter.title = { $regex: escapeRegExp(query.q.trim()), $options: 'i' };
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (after) {
      filter.$or = [
        { lastMessageAt: { $lt: after.at } },
        { lastMessageAt: after.at, _id: { $lt: after.id } },
      ];
    }
    const found = await this.conversations
      .find(filter)
      .sort({ lastMessageAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<Conversation[]>();
    const page = found.slice(0, query.limit);
    return {
      items: page.map(summary),
      nextCursor: found.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    };
  }

  /** One conversation with every message, or null when it is not this tenant's. */
  async read(
    id: string,
  ): Promise<{ conversation: ConversationSummary; messages: TranscriptMessage[] } | null> {
    if (!isValidObjectId(id)) return null;
    const conversation = await this.conversations.findById(id).lean<Conversation>();
    if (!conversation) return null;
    const messages = await this.messages
      .find({ conversationId: id })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Message[]>();
    return {
      conversation: summary(conversation),
      messages: messages.map(
        ({ _id, tenantId: _t, conversationId: _c, updatedAt: _u, createdAt, ...rest }) => ({
          ...rest,
          id: String(_id),
          createdAt: createdAt.toISOString(),
        }),
      ),
    };
  }
}
