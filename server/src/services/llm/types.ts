/**
 * The answering seam (docs/CONTRACTS.md, "Chat pipeline"). Every way of
 * answering a question, LLM providers, the extractive responder and the
 * fallback chain, implements {@link Responder}, so the chat pipeline never
 * knows which one it talks to.
 */

/** One passage retrieval found for a question, with where it came from. */
export interface RetrievedSource {
  /** The chunk id; stable, used to cite and to persist. */
  id: string;
  documentId: string;
  title: string;
  url?: string;
  /** The section heading the chunk sits under, when the document has one. */
  heading?: string;
  /** The full chunk text the answer is grounded in. */
  text: string;
  /** A short excerpt shown to the user next to the citation. */
  snippet: string;
  /** Relevance, higher is better (the vector search score). */
  score: number;
}

/** One turn of the conversation so far. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Everything a responder needs to answer one question. */
export interface AnswerRequest {
  question: string;
  /** Earlier turns, oldest first, without the current question. */
  history: HistoryTurn[];
  /** The passages to ground the answer in; cited as [1], [2], … in this order. */
  sources: RetrievedSource[];
  /** The tenant's persona / system prompt, if any. */
  persona?: string;
  /** BCP 47 language tag to answer in, if known. */
  locale?: string;
  /** Aborted when the client disconnects or the message is stopped. */
  signal: AbortSignal;
}

/**
 * Why an answer ended: `length` when the model hit its token limit,
 * `content_filter` / `refusal` when the provider declined to answer.
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'refusal';

/**
 * A piece of the streamed answer: text, the token usage once known, or why
 * it finished. `finish` is optional: a responder that never sends it
 * finished with `stop`.
 */
export type AnswerChunk =
  | { type: 'text'; delta: string }
  | { type: 'usage'; promptTokens: number; completionTokens: number }
  | { type: 'finish'; reason: FinishReason };

/** Streams an answer to one question. */
export interface Responder {
  /** A short name for logs and persisted messages, e.g. `openai:gpt-4o-mini`. */
  readonly name?: string;
  stream(request: AnswerRequest): AsyncIterable<AnswerChunk>;
}
