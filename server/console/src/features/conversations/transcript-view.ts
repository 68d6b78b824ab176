/** A conversation in the list, as `GET /api/conversations` returns it. */
export interface ConversationSummary {
  id: string;
  title: string;
  user: string | null;
  messageCount: number;
  feedback: { up: number; down: number };
  lastMessageAt: string;
  createdAt: string;
}

/** A source an answer cited. */
export interface TranscriptSource {
  id: string;
  documentId: string;
  title: string;
  url?: string;
  heading?: string;
  snippet: string;
  score: number;
}

/** One message of a transcript, as `GET /api/conversations/:id` returns it. */
export interface TranscriptMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'streaming' | 'complete' | 'stopped' | 'aborted' | 'error';
  createdAt: string;
  sources?: TranscriptSource[];
  finishReason?: string;
  errorCode?: string;
  responder?: string;
  usage?: { promptTokens: number; completionTokens: number; estimated: boolean };
  latency?: { retrievalMs?: number; firstTokenMs?: number; totalMs?: number };
  feedback?: { rating: 'up' | 'down'; comment?: string };
}

/** A whole transcript. */
export interface Transcript {
  conversation: ConversationSummary;
  messages: TranscriptMessage[];
}

/** The list filters the page offers. */
export interface ConversationFilters {
  q: string;
  feedback: '' | 'up' | 'down';
}

/** The API path of a page of the conversation list. */
export function conversationsQuery(
  filters: ConversationFilters,
  cursor: string | null,
  limit = 25,
): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.feedback) params.set('feedback', filters.feedback);
  if (cursor) params.set('cursor', cursor);
  return `/api/conversations?${params}`;
}

/** Who asked: the verified user's id, or "Anonymous visitor". */
export function askerLabel(conversation: Pick<ConversationSummary, 'user'>): string {
  return conversation.user ?? 'Anonymous visitor';
}

/** How an answer ended, in words, with a badge tone; null for a normal, complete answer. */
export function outcomeLabel(
  message: Pick<TranscriptMessage, 'status' | 'finishReason' | 'errorCode'>,
): { text: string; tone: 'warning' | 'danger' | 'info' } | null {
  switch (message.status) {
    case 'streaming':
      return { text: 'Still answering', tone: 'info' };
    case 'stopped':
      return { text: 'Stopped by the user', tone: 'warning' };
    case 'aborted':
      return { text: 'Abandoned (the user left)', tone: 'warning' };
    case 'error':
      return {
        text: `Failed${message.errorCode ? ` (${message.errorCode})` : ''}`,
        tone: 'danger',
      };
  }
  if (message.finishReason === 'length')
    return { text: 'Cut short at the length limit', tone: 'warning' };
  if (message.finishReason === 'refusal' || message.finishReason === 'content_filter') {
    return { text: 'The model declined to answer', tone: 'warning' };
  }
  return null;
}

/** "1.2 s to first token · 2.4 s total · 340 + 85 tokens (estimated)" for an answer. */
export function answerStats(
  message: Pick<TranscriptMessage, 'latency' | 'usage' | 'responder'>,
): string {
  const seconds = (ms: number) =>
    ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  const parts: string[] = [];
  if (message.latency?.firstTokenMs !== undefined)
    parts.push(`${seconds(message.latency.firstTokenMs)} to first token`);
  if (message.latency?.totalMs !== undefined)
    parts.push(`${seconds(message.latency.totalMs)} total`);
  if (message.usage) {
    parts.push(
      `${message.usage.promptTokens} + ${message.usage.completionTokens} tokens${message.usage.estimated ? ' (estimated)' : ''}`,
    );
  }
  if (message.responder) parts.push(message.responder);
  return parts.join(' · ');
}

/**
 * Splits an answer into text and citation markers ([1], [2]…) so the page
 * can link each marker to its source; markers with no such source stay text.
 */
export function citationParts(
  content: string,
  sourceCount: number,
): ({ text: string } | { cite: number })[] {
  const parts: ({ text: string } | { cite: number })[] = [];
  let last = 0;
  for (const match of content.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(match[1]);
    if (n < 1 || n > sourceCount) continue;
    if (match.index > last) parts.push({ text: content.slice(last, match.index) });
    parts.push({ cite: n });
    last = match.index + match[0].length;
  }
  if (last < content.length) parts.push({ text: content.slice(last) });
  return parts;
}
