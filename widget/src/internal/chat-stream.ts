import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { type ApiContext, headers } from './api-client';
import { apiUrl } from './api-url';
import type { Identity } from './identity';

/** A cited passage (DESIGN.md `sources` event). */
export interface ChatSource {
  id: string;
  title: string;
  url?: string;
  snippet?: string;
  score?: number;
}

/** Events of the chat stream (DESIGN.md). */
export interface ChatStreamHandlers {
  onMeta?(meta: { conversationId: string; messageId: string; visitorToken?: string }): void;
  onSources?(sources: ChatSource[]): void;
  onToken(delta: string): void;
  onDone?(done: { messageId: string; finishReason: string }): void;
}

/** What one call to {@link streamChat} sends. */
export interface ChatStreamOptions {
  /** Where and as whom to ask (the same headers as the widget's other calls). */
  context: ApiContext;
  message: string;
  conversationId?: string;
  identity?: Identity;
  locale?: string;
  signal?: AbortSignal;
  /** First reconnect delay; doubles per attempt (default 400 ms). */
  retryBaseMs?: number;
  /** Reconnects after a dropped connection before giving up (default 4). */
  maxRetries?: number;
  handlers: ChatStreamHandlers;
}

/** An error the server reported (with its stable code), or a widget-side failure. */
export class ChatStreamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ChatStreamError';
  }
}

/**
 * Sends one chat message and feeds the streamed answer to the handlers.
 * A dropped connection or a 5xx reconnects with exponential backoff and
 * `Last-Event-ID` (fetch-event-source sends the last id it saw), so the
 * server resumes where the stream broke; events are also de-duplicated by
 * their `<messageId>:<seq>` id in case a server replays. Errors the server
 * states (4xx, `event: error`) are final. Resolves on `done`.
 */
export async function streamChat(options: ChatStreamOptions): Promise<void> {
  const { handlers } = options;
  const base = options.retryBaseMs ?? 400;
  const maxRetries = options.maxRetries ?? 4;
  const seen = new Map<string, number>();
  let finished = false;
  let retries = 0;
  await fetchEventSource(apiUrl(options.context.api, 'v1/chat'), {
    method: 'POST',
    headers: headers(options.context, true),
    body: JSON.stringify({
      message: options.message,
      conversationId: options.conversationId,
      identity: options.identity,
      locale: options.locale,
    }),
    signal: options.signal,
    // Keep streaming while the tab is hidden; the default reconnects on visibility change.
    openWhenHidden: true,
    async onopen(response) {
      const type = response.headers.get('content-type') ?? '';
      if (response.ok && type.startsWith(EventStreamContentType)) {
        retries = 0;
        return;
      }
      throw await responseError(response);
    },
    onmessage(event) {
      if (isDuplicate(seen, event.id)) return;
      const data = event.data ? JSON.parse(event.data) : {};
      switch (event.event) {
        case 'meta':
          handlers.onMeta?.(data);
          break;
        case 'sources':
          handlers.onSources?.(Array.isArray(data) ? data : []);
          break;
        case 'token':
          handlers.onToken(typeof data.delta === 'string' ? data.delta : '');
          break;
        case 'done':
          finished = true;
          handlers.onDone?.(data);
          break;
        case 'error':
          finished = true;
          throw new ChatStreamError(String(data.code), String(data.message ?? ''));
      }
    },
    onclose() {
      if (!finished) {
        throw new ChatStreamError(
          'PARLEY_WIDGET_INTERRUPTED',
          'The connection closed early.',
          0,
          true,
        );
      }
    },
    onerror(error) {
      const retryable =
        error instanceof ChatStreamError ? error.retryable : error instanceof TypeError;
      if (!retryable || retries >= maxRetries) throw asFinal(error);
      // Returning a delay makes fetch-event-source reconnect (with Last-Event-ID).
      return base * 2 ** retries++;
    },
  });
}

/** True when an event id `<messageId>:<seq>` was already handled. */
function isDuplicate(seen: Map<string, number>, id: string): boolean {
  const at = id.lastIndexOf(':');
  if (at < 0) return false;
  const messageId = id.slice(0, at);
  const seq = Number(id.slice(at + 1));
  if (!Number.isFinite(seq)) return false;
  if (seq <= (seen.get(messageId) ?? -1)) return true;
  seen.set(messageId, seq);
  return false;
}

async function responseError(response: Response): Promise<ChatStreamError> {
  let code = 'PARLEY_WIDGET_HTTP_ERROR';
  let message = `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON (a proxy's error page): keep the generic message.
  }
  const retryable = response.status >= 500 && response.status !== 501;
  return new ChatStreamError(code, message, response.status, retryable);
}

function asFinal(error: unknown): ChatStreamError {
  if (error instanceof ChatStreamError) return error;
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return new ChatStreamError(
    offline ? 'PARLEY_WIDGET_OFFLINE' : 'PARLEY_WIDGET_NETWORK',
    error instanceof Error ? error.message : String(error),
  );
}
