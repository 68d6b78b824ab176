import { errorCatalogue, ParleyError } from '../../errors';
import type { Logger } from '../../logger';
import type { MessageSource } from '../../models/message';
import type { HistoryTurn, Responder, RetrievedSource } from '../llm/types';
import type { AdmissionTicket, AnswerReport, ChatInput, Retriever } from './chat-service';
import type { AnswerOutcome, ChatStore } from './chat-store';
import type { ChatWriter } from './chat-writer';
import type { StreamRun } from './stream-run';

/** Everything one answer needs; built by `ChatService.start`. */
export interface AnswerJob {
  run: StreamRun;
  input: ChatInput;
  store: ChatStore;
  writer: ChatWriter;
  isNew: boolean;
  questionId: string;
  tickets: AdmissionTicket[];
  retriever: Retriever;
  responder: Responder;
  topK: number;
  historyMessages: number;
  logger: Logger;
  onAnswer?: (report: AnswerReport) => void;
}

/** A source as the `sources` event shows it (DESIGN.md): no full text, no internal ids. */
function publicSource(s: RetrievedSource) {
  return {
    id: s.id,
    title: s.title,
    ...(s.url ? { url: s.url } : {}),
    snippet: s.snippet,
    score: s.score,
  };
}

function storedSource(s: RetrievedSource): MessageSource {
  const { text: _text, ...rest } = s;
  return rest;
}

/** About four characters per token: close enough for usage when a provider reports none. */
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/**
 * Produces one answer as SSE events on its run: `meta`, `sources`,
 * `token`…, then `done` (or `error`). Persists the question and answer
 * with sources, usage and latencies, and settles admission tickets
 * (delivered answers count against the quota, failed ones do not). Never
 * throws: every failure becomes the stream's `error` event.
 */
export async function answer(job: AnswerJob): Promise<void> {
  const { run, input, store, logger } = job;
  const since = () => Date.now() - input.startedAt;
  const meta: Record<string, string> = {
    conversationId: run.conversationId,
    messageId: run.messageId,
  };
  if (input.visitorToken) meta.visitorToken = input.visitorToken;
  run.emit('meta', meta);

  const written = job.writer.startTurn({
    tenantId: input.tenant.id,
    conversationId: run.conversationId,
    isNew: job.isNew,
    owner: input.owner,
    question: input.question,
    questionId: job.questionId,
    answerId: run.messageId,
  });
  written.catch(() => {}); // awaited below; this only keeps it from being "unhandled" meanwhile

  let content = '';
  let sources: RetrievedSource[] = [];
  let history: HistoryTurn[] = [];
  let usage: AnswerOutcome['usage'];
  let finishReason: string | undefined;
  let errorCode: keyof typeof errorCatalogue | undefined;
  let errorMessage = '';
  const latency: AnswerOutcome['latency'] = {};
  try {
    [sources, history] = await Promise.all([
      job.retriever.retrieve({ tenantId: input.tenant.id, query: input.question, k: job.topK }),
      job.isNew ? [] : store.history(run.conversationId, job.questionId, job.historyMessages),
    ]);
    latency.retrievalMs = since();
    run.signal.throwIfAborted();
    run.emit('sources', sources.map(publicSource));
    const stream = job.responder.stream({
      question: input.question,
      history,
      sources,
      persona: input.tenant.persona,
      locale: input.tenant.locale,
      signal: run.signal,
    });
    for await (const chunk of stream) {
      if (chunk.type === 'text') {
        if (!chunk.delta) continue;
        latency.firstTokenMs ??= since();
        content += chunk.delta;
        run.emit('token', { delta: chunk.delta });
      } else if (chunk.type === 'usage') {
        usage = {
          promptTokens: chunk.promptTokens,
          completionTokens: chunk.completionTokens,
          estimated: false,
        };
      } else finishReason = chunk.reason;
    }
    finishReason ??= 'stop';
  } catch (error) {
    if (run.abortCause) finishReason = run.abortCause;
    else {
      errorCode = error instanceof ParleyError ? error.code : 'PARLEY_INTERNAL';
      // A ParleyError's message is written for users; anything else is not.
      errorMessage =
        error instanceof ParleyError ? error.message : errorCatalogue[errorCode].message;
      logger.error(
        { err: error, messageId: run.messageId, responder: job.responder.name },
        'answer failed',
      );
    }
  }
  usage ??= {
    promptTokens: estimateTokens(
      input.question.length +
        sources.reduce((n, s) => n + s.text.length, 0) +
        history.reduce((n, t) => n + t.content.length, 0),
    ),
    completionTokens: estimateTokens(content.length),
    estimated: true,
  };
  latency.totalMs = since();
  const status: AnswerOutcome['status'] = errorCode
    ? 'error'
    : finishReason === 'stopped' || finishReason === 'aborted'
      ? finishReason
      : 'complete';
  const outcome: AnswerOutcome = {
    content,
    status,
    sources: sources.map(storedSource),
    finishReason,
    errorCode,
    responder: job.responder.name,
    usage,
    latency,
  };
  try {
    await written;
    await job.writer.finishTurn({
      tenantId: input.tenant.id,
      conversationId: run.conversationId,
      answerId: run.messageId,
      outcome,
    });
  } catch (error) {
    // The user still gets the answer; only its history is missing.
    logger.error({ err: error, messageId: run.messageId }, 'could not store the answer');
  }
  await settle(job.tickets, content.length > 0, usage, logger);

  if (errorCode) {
    run.emit('error', { code: errorCode, message: errorMessage });
  } else {
    run.emit('done', {
      messageId: run.messageId,
      finishReason,
      usage: { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens },
    });
  }
  job.onAnswer?.({
    tenantId: input.tenant.id,
    conversationId: run.conversationId,
    messageId: run.messageId,
    status,
    finishReason,
    responder: job.responder.name,
    usage,
    latency,
  });
}

async function settle(
  tickets: AdmissionTicket[],
  delivered: boolean,
  usage: { promptTokens: number; completionTokens: number },
  logger: Logger,
): Promise<void> {
  const results = await Promise.allSettled(
    tickets.map((ticket) => (delivered ? ticket.commit(usage) : ticket.release())),
  );
  for (const result of results) {
    if (result.status === 'rejected')
      logger.warn({ err: result.reason }, 'admission settle failed');
  }
}
