import { type Connection, Types } from 'mongoose';
import { ParleyError } from '../../errors';
import type { Logger } from '../../logger';
import type { Responder, RetrievedSource } from '../llm/types';
import { answer } from './answer';
import { ChatStore } from './chat-store';
import type { ChatWriter } from './chat-writer';
import { type Owner, ownerKey } from './owner-token';
import type { StreamRegistry } from './stream-registry';
import type { StreamRun } from './stream-run';

/** Finds the passages to ground an answer in (knowledge area; CONTRACTS.md). */
export interface Retriever {
  retrieve(query: { tenantId: string; query: string; k: number }): Promise<RetrievedSource[]>;
}

/** What the chat pipeline needs to know about a tenant. */
export interface ChatTenant {
  id: string;
  /** The tenant's instructions for the model (tone, audience). */
  persona?: string;
  locale?: string;
  /** Secret verifying host-page identities (JWT HS256 / userHash); none: identity off. */
  identitySecret?: string;
}

/** What an admission check sees. */
export interface AdmissionContext {
  tenant: ChatTenant;
  owner: Owner;
  question: string;
  ip?: string;
}

/**
 * A claim taken before the model is called (a quota reservation): `commit`
 * once the user got an answer, `release` when they got nothing.
 */
export interface AdmissionTicket {
  commit(usage: { promptTokens: number; completionTokens: number }): Promise<void>;
  release(): Promise<void>;
}

/**
 * Runs before any retrieval or model call; throws a `ParleyError` to refuse
 * (rate limit 429, quota 402) or returns a ticket to settle when the answer ends.
 */
export type AdmissionCheck = (context: AdmissionContext) => Promise<AdmissionTicket | undefined>;

/** Reported once per answer, after it is stored (analytics, logs). */
export interface AnswerReport {
  tenantId: string;
  conversationId: string;
  messageId: string;
  status: string;
  finishReason?: string;
  responder?: string;
  usage: { promptTokens: number; completionTokens: number; estimated: boolean };
  latency: { retrievalMs?: number; firstTokenMs?: number; totalMs?: number };
}

/** Dependencies of the chat pipeline, injected by the composition root. */
export interface ChatServiceDeps {
  connection: Connection;
  retriever: Retriever;
  responder: Responder;
  registry: StreamRegistry;
  writer: ChatWriter;
  logger: Logger;
  admission?: AdmissionCheck[];
  onAnswer?: (report: AnswerReport) => void;
  /** Sources retrieved per question. */
  topK?: number;
  /** Earlier messages given to the model. */
  historyMessages?: number;
}

/** One question to answer. */
export interface ChatInput {
  tenant: ChatTenant;
  owner: Owner;
  question: string;
  conversationId?: string;
  /** Sent in `meta` when the server issued or renewed the owner's token. */
  visitorToken?: string;
  ip?: string;
  /** When the request arrived (ms since epoch); latencies count from here. */
  startedAt: number;
}

/**
 * The chat pipeline: checks the conversation and admission (quota, rate
 * limits) before anything costly, then starts the answer as a
 * {@link StreamRun} that outlives the HTTP response, so a reconnect
 * resumes it and a stop on any instance ends it.
 */
export class ChatService {
  /** Answers being produced on this instance, until each is stored and settled. */
  private readonly answering = new Set<Promise<void>>();

  constructor(private readonly deps: ChatServiceDeps) {}

  /** Resolves once every answer started so far has been stored (shutdown). */
  async drain(): Promise<void> {
    await Promise.all(this.answering);
  }

  /**
   * Validates and admits one question and starts answering it. Throws a
   * `ParleyError` (rendered as JSON, before any SSE byte) when the
   * conversation is not the owner's or admission refuses.
   */
  async start(input: ChatInput): Promise<StreamRun> {
    const store = new ChatStore(this.deps.connection, input.tenant.id);
    let conversationId = input.conversationId;
    if (conversationId && !(await store.findConversation(conversationId, input.owner))) {
      throw new ParleyError('PARLEY_CONVERSATION_NOT_FOUND');
    }
    const tickets = await this.admit(input);
    const isNew = !conversationId;
    conversationId ??= new Types.ObjectId().toHexString();
    // The question's id is made first: ids order messages that share a millisecond.
    const questionId = new Types.ObjectId().toHexString();
    const messageId = new Types.ObjectId().toHexString();
    const run = this.deps.registry.create({
      messageId,
      tenantId: input.tenant.id,
      conversationId,
      owner: ownerKey(input.owner),
    });
    const answering = answer({
      run,
      input,
      store,
      writer: this.deps.writer,
      isNew,
      questionId,
      tickets,
      retriever: this.deps.retriever,
      responder: this.deps.responder,
      topK: this.deps.topK ?? 5,
      historyMessages: this.deps.historyMessages ?? 10,
      logger: this.deps.logger,
      onAnswer: this.deps.onAnswer,
    });
    // `answer` never rejects; the set lets shutdown wait for its writes.
    this.answering.add(answering);
    void answering.finally(() => this.answering.delete(answering));
    return run;
  }

  private async admit(input: ChatInput): Promise<AdmissionTicket[]> {
    const tickets: AdmissionTicket[] = [];
    try {
      for (const check of this.deps.admission ?? []) {
        const ticket = await check({
          tenant: input.tenant,
          owner: input.owner,
          question: input.question,
          ip: input.ip,
        });
        if (ticket) tickets.push(ticket);
      }
    } catch (error) {
      // A later check refused: give back what earlier ones reserved.
      await Promise.allSettled(tickets.map((t) => t.release()));
      throw error;
    }
    return tickets;
  }
}
