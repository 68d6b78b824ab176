import { type AnyBulkWriteOperation, type Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { type Conversation, conversationModel } from '../../models/conversation';
import { type Message, messageModel } from '../../models/message';
import type { AnswerOutcome } from './chat-store';
import type { Owner } from './owner-token';

/** A question and its (still empty) answer, to store when answering starts. */
export interface NewTurn {
  tenantId: string;
  conversationId: string;
  /** Create the conversation too. */
  isNew: boolean;
  owner: Owner;
  question: string;
  questionId: string;
  answerId: string;
}

/** How an answer ended, to store when it ends. */
export interface FinishedTurn {
  tenantId: string;
  conversationId: string;
  answerId: string;
  outcome: AnswerOutcome;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Writes conversations and messages for every chat on this instance in
 * batches: what is queued within `windowMs` goes to the database as one
 * insert per collection and tenant (turns that start) and one bulk update
 * (turns that end). Per chat that is a share of a few commands instead of
 * four round trips of its own, which is what lets thousands of streams run
 * at once. Each caller still waits for its own write to be acknowledged.
 */
export class ChatWriter {
  private starts: (NewTurn & Waiter)[] = [];
  private ends: (FinishedTurn & Waiter)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly windowMs = 25,
  ) {}

  /** Stores a new question with an empty answer (and its conversation when new). */
  startTurn(turn: NewTurn): Promise<void> {
    return new Promise((resolve, reject) => {
      this.starts.push({ ...turn, resolve, reject });
      this.schedule();
    });
  }

  /** Records how an answer ended and bumps its conversation. */
  finishTurn(turn: FinishedTurn): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ends.push({ ...turn, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued now (shutdown, tests). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.windowMs);
  }

  /** Batches run one after another, so a turn's end is never written before its start. */
  private flush(): Promise<void> {
    const starts = this.starts;
    const ends = this.ends;
    this.starts = [];
    this.ends = [];
    this.flushing = this.flushing.then(async () => {
      await settle(starts, () => this.writeStarts(starts));
      await settle(ends, () => this.writeEnds(ends));
    });
    return this.flushing;
  }

  private async writeStarts(turns: NewTurn[]): Promise<void> {
    for (const [tenantId, group] of byTenant(turns)) {
      const conversations = group
        .filter((t) => t.isNew)
        .map((t) => ({
          _id: new Types.ObjectId(t.conversationId),
          ...(t.owner.kind === 'visitor' ? { visitorId: t.owner.id } : { userId: t.owner.id }),
          title: t.question.replace(/\s+/g, ' ').slice(0, 120),
          lastMessageAt: new Date(),
        }));
      if (conversations.length) {
        await tenantScope(conversationModel(this.connection), tenantId).insertMany(
          conversations as Partial<Conversation>[],
        );
      }
      const messages = group.flatMap((t) => {
        const conversationId = new Types.ObjectId(t.conversationId);
        return [
          {
            _id: new Types.ObjectId(t.questionId),
            conversationId,
            role: 'user' as const,
            content: t.question,
            status: 'complete' as const,
          },
          {
            _id: new Types.ObjectId(t.answerId),
            conversationId,
            role: 'assistant' as const,
            status: 'streaming' as const,
          },
        ];
      });
      await tenantScope(messageModel(this.connection), tenantId).insertMany(
        messages as Partial<Message>[],
      );
    }
  }

  private async writeEnds(turns: FinishedTurn[]): Promise<void> {
    const now = new Date();
    for (const [tenantId, group] of byTenant(turns)) {
      const answers: AnyBulkWriteOperation[] = group.map((t) => ({
        updateOne: { filter: { _id: t.answerId }, update: { $set: t.outcome } },
      }));
      await tenantScope(messageModel(this.connection), tenantId).bulkWrite(answers);
      const conversations: AnyBulkWriteOperation[] = group.map((t) => ({
        updateOne: {
          filter: { _id: t.conversationId },
          update: { $inc: { messageCount: 2 }, $set: { lastMessageAt: now } },
        },
      }));
      await tenantScope(conversationModel(this.connection), tenantId).bulkWrite(conversations);
    }
  }
}

/** Runs a batch write and settles every waiter of the batch with its outcome. */
async function settle(waiters: Waiter[], write: () => Promise<void>): Promise<void> {
  if (waiters.length === 0) return;
  try {
    await write();
    for (const w of waiters) w.resolve();
  } catch (error) {
    for (const w of waiters) w.reject(error);
  }
}

function byTenant<T extends { tenantId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.tenantId);
    if (group) group.push(item);
    else groups.set(item.tenantId, [item]);
  }
  return groups;
}
