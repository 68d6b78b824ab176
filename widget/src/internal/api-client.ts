import { apiUrl } from './api-url';
import type { StoredMessage } from './storage';

/** Where and as whom the widget calls the API. */
export interface ApiContext {
  api: string;
  publishableKey: string;
  visitorToken: string;
}

function headers(context: ApiContext, json = false): Record<string, string> {
  const out: Record<string, string> = {
    'X-Parley-Key': context.publishableKey,
    'X-Parley-Visitor': context.visitorToken,
  };
  if (json) out['Content-Type'] = 'application/json';
  return out;
}

/** `POST /v1/messages/:id/stop`: tells the server to stop generating (best effort). */
export async function stopMessage(context: ApiContext, messageId: string): Promise<void> {
  await fetch(apiUrl(context.api, `v1/messages/${encodeURIComponent(messageId)}/stop`), {
    method: 'POST',
    headers: headers(context),
    keepalive: true,
  }).catch(() => undefined);
}

/** `POST /v1/messages/:id/feedback` with `{ rating, comment? }`; throws on failure. */
export async function sendFeedback(
  context: ApiContext,
  messageId: string,
  feedback: { rating: 'up' | 'down'; comment?: string },
): Promise<void> {
  const response = await fetch(
    apiUrl(context.api, `v1/messages/${encodeURIComponent(messageId)}/feedback`),
    { method: 'POST', headers: headers(context, true), body: JSON.stringify(feedback) },
  );
  if (!response.ok) throw new Error(`feedback: HTTP ${response.status}`);
}

/**
 * `GET /v1/conversations/:id/messages`: the server's copy of a conversation,
 * used when nothing is stored locally (another tab, cleared storage).
 */
export async function fetchHistory(
  context: ApiContext,
  conversationId: string,
): Promise<StoredMessage[]> {
  const response = await fetch(
    apiUrl(context.api, `v1/conversations/${encodeURIComponent(conversationId)}/messages`),
    { headers: headers(context) },
  );
  if (!response.ok) throw new Error(`history: HTTP ${response.status}`);
  const body = (await response.json()) as { messages?: unknown };
  const list = Array.isArray(body.messages) ? body.messages : [];
  return list.flatMap((item: unknown, index: number): StoredMessage[] => {
    const raw = (item ?? {}) as Record<string, unknown>;
    if (raw.role !== 'user' && raw.role !== 'assistant') return [];
    const text = typeof raw.content === 'string' ? raw.content : '';
    const id = typeof raw.id === 'string' ? raw.id : `h${index}`;
    const sources = Array.isArray(raw.sources)
      ? (raw.sources as StoredMessage['sources'])
      : undefined;
    return [
      { id, role: raw.role, text, messageId: raw.role === 'assistant' ? id : undefined, sources },
    ];
  });
}
