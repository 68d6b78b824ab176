import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';

/** Events of the chat stream (DESIGN.md). */
export interface ChatStreamHandlers {
  onMeta?(meta: { conversationId: string; messageId: string }): void;
  onToken(delta: string): void;
  onDone?(done: { messageId: string; finishReason: string }): void;
}

/** An error the server reported, with its stable code. */
export class ChatStreamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ChatStreamError';
  }
}

/** Sends one chat message and feeds the streamed reply to the handlers. */
export async function streamChat(options: {
  api: string;
  publishableKey: string;
  message: string;
  conversationId?: string;
  signal?: AbortSignal;
  handlers: ChatStreamHandlers;
}): Promise<void> {
  const { handlers } = options;
  let finished = false;
  await fetchEventSource(apiUrl(options.api, 'v1/chat'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Parley-Key': options.publishableKey },
    body: JSON.stringify({ message: options.message, conversationId: options.conversationId }),
    signal: options.signal,
    // Keep streaming while the tab is hidden; the default reconnects on visibility change.
    openWhenHidden: true,
    async onopen(response) {
      const type = response.headers.get('content-type') ?? '';
      if (response.ok && type.startsWith(EventStreamContentType)) return;
      let code = 'PARLEY_HTTP_ERROR';
      let message = `The server answered ${response.status}.`;
      try {
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        code = body.error?.code ?? code;
        message = body.error?.message ?? message;
      } catch {
        // Not JSON: keep the generic message.
      }
      throw new ChatStreamError(code, message, response.status);
    },
    onmessage(event) {
      const data = event.data ? JSON.parse(event.data) : {};
      switch (event.event) {
        case 'meta':
          handlers.onMeta?.(data);
          break;
        case 'token':
          handlers.onToken(String(data.delta ?? ''));
          break;
        case 'done':
          finished = true;
          handlers.onDone?.(data);
          break;
        case 'error':
          finished = true;
          throw new ChatStreamError(String(data.code), String(data.message));
      }
    },
    onclose() {
      if (!finished)
        throw new ChatStreamError('PARLEY_STREAM_CLOSED', 'The connection closed early.');
    },
    onerror(error) {
      // Rethrowing stops fetch-event-source's automatic retry; resume comes later.
      throw error;
    },
  });
}

/** Joins an API base (which may carry a path prefix, e.g. behind a proxy) and a route. */
export function apiUrl(base: string, route: string): string {
  return new URL(route, base.endsWith('/') ? base : `${base}/`).href;
}
