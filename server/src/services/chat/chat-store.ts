import { type Connection, isValidObjectId } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { type Conversation, conversationModel } from '../../models/conversation';
import { type Message, type MessageSource, messageModel } from '../../models/message';
import type { HistoryTurn } from '../llm/types';
import type { Owner } from './owner-token';

/** The fields that tie a conversation to its owner. */
function ownerFields(owner: Owner): { visitorId?: string; userId?: string } {
  return owner.kind === 'visitor' ? { visitorId: owner.id } : { userId: owner.id };
}

/** A conversation as the owner's list shows it. */
export type ConversationListing = Pick<
  Conversation,
  '_id' | 'title' | 'messageCount' | 'lastMessageAt'
>;

/** How an answer ended, as persisted. */
export interface AnswerOutcome {
  content: string;
  status: Message['status'];
  sources: MessageSource[];
  finishReason?: string;
  errorCode?: string;
  responder?: string;
  usage?: Message['usage'];
  latency: NonNullable<Message['latency']>;
}

/**
 * Reads of one tenant's conversations and messages (writes of turns are
 * batched by `ChatWriter`), always through the tenant scope and always
 * filtered by owner: a visitor's token never reaches another visitor's
 * conversation, even with its id.
 */
export class ChatStore {
  private readonly conversations;
  private readonly messages;

  constructor(
    connection: Connection,
    readonly tenantId: string,
  ) {
    this.conversations = tenantScope(conversationModel(connection), tenantId);
    this.messages = tenantScope(messageModel(connection), tenantId);
  }

  /** The owner's conversation with this id, or null (unknown, malformed, someone else's). */
  async findConversation(id: string, owner: Owner): Promise<Conversation | null> {
    if (!isValidObjectId(id)) return null;
    return this.conversations.findOne({ _id: id, ...ownerFields(owner) }).lean<Conversation>();
  }

  /**
   * The owner's conversations, most recently active first (ties: newest id
   * first), at most `limit`. Served by the `{tenantId, userId|visitorId,
   * lastMessageAt, _id}` indexes.
   */
  async listConversations(owner: Owner, limit: number): Promise<ConversationListing[]> {
    return this.conversations
      .find(ownerFields(owner), { title: 1, messageCount: 1, lastMessageAt: 1 })
      .sort({ lastMessageAt: -1, _id: -1 })
      .limit(limit)
      .lean<ConversationListing[]>();
  }

  /** The conversation's last turns before `questionId`, oldest first, for the prompt. */
  async history(conversationId: string, questionId: string, limit: number): Promise<HistoryTurn[]> {
    const recent = await this.messages
      .find(
        { conversationId, _id: { $ne: questionId }, status: { $ne: 'streaming' } },
        { role: 1, content: 1 },
      )
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<Pick<Message, 'role' | 'content'>[]>();
    return recent.reverse().map(({ role, content }) => ({ role, content }));
  }

  /** A conversation's messages in order, for its owner. */
  async listMessages(conversationId: string, owner: Owner): Promise<Message[] | null> {
    if (!(await this.findConversation(conversationId, owner))) return null;
    return this.messages.find({ conversationId }).sort({ createdAt: 1, _id: 1 }).lean<Message[]>();
  }

  /** The owner's message with this id, or null. */
  async findMessage(messageId: string, owner: Owner): Promise<Message | null> {
    if (!isValidObjectId(messageId)) return null;
    const message = await this.messages.findById(messageId).lean<Message>();
    if (!message) return null;
    const conversation = await this.findConversation(String(message.conversationId), owner);
    return conversation ? message : null;
  }

  /** Records the user's rating of an answer and keeps the conversation's counts in step. */
  async setFeedback(message: Message, feedback: NonNullable<Message['feedback']>): Promise<void> {
    await this.messages.updateOne({ _id: message._id }, { $set: { feedback } });
    const count = { up: 'feedbackUp', down: 'feedbackDown' } as const;
    const before = message.feedback?.rating;
    if (before === feedback.rating) return;
    const inc: Record<string, number> = { [count[feedback.rating]]: 1 };
    if (before) inc[count[before]] = -1;
    await this.conversations.updateOne({ _id: message.conversationId }, { $inc: inc });
  }
}
