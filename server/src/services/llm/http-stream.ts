import type { EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { ProviderError } from './provider-error';
import type { AnswerChunk } from './types';

/** Timeouts of one provider call, in ms. */
export interface ProviderTimeouts {
  /** From sending the request to the first text delta. */
  firstTokenMs: number;
  /** Longest silence between two events once text flows. */
  idleMs: number;
}

/** Defaults: models may think a while before the first token; silence after that is a hang. */
export const defaultTimeouts: ProviderTimeouts = { firstTokenMs: 20_000, idleMs: 30_000 };

/**
 * Turns a provider's SSE events into answer chunks. Stateful, one per call:
 * `finished` once the answer is whole (the body may end after it),
 * `terminal` once nothing more needs reading.
 */
export interface StreamDecoder {
  decode(event: EventSourceMessage): AnswerChunk[];
  readonly finished: boolean;
  readonly terminal: boolean;
}

/** One streaming HTTP call to a provider. */
export interface ProviderCall {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  timeouts: ProviderTimeouts;
  decoder: StreamDecoder;
}

/**
 * POSTs to a provider and yields the decoded chunks as they arrive. Aborts
 * the HTTP request when the caller's signal fires, when the first token or
 * the next event is late, or when the consumer stops iterating; every
 * failure other than the caller's own abort becomes a {@link ProviderError}.
 */
export async function* streamProvider(call: ProviderCall): AsyncGenerator<AnswerChunk> {
  const { provider, signal, timeouts, decoder } = call;
  signal.throwIfAborted();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  const fail = (error: unknown): never => {
    if (signal.aborted) throw signal.reason;
    if (timedOut) throw new ProviderError(provider, 'timeout', 'no data within the timeout');
    if (error instanceof ProviderError) throw error;
    const detail = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : '';
    throw new ProviderError(provider, 'network', detail.trim());
  };

  arm(timeouts.firstTokenMs);
  try {
    let response: Response;
    try {
      response = await fetch(call.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          ...call.headers,
        },
        body: JSON.stringify(call.body),
        signal: controller.signal,
      });
    } catch (error) {
      return fail(error);
    }
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      throw new ProviderError(provider, 'http', describeHttpError(text), response.status);
    }
    const events = response.body
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream());
    let sawText = false;
    try {
      for await (const event of events) {
        const chunks = decoder.decode(event);
        for (const chunk of chunks) {
          if (chunk.type === 'text') sawText = true;
          yield chunk;
        }
        // Before the first token only the first-token deadline applies, so
        // keep-alive pings cannot stretch it.
        if (sawText) arm(timeouts.idleMs);
        if (decoder.terminal) return;
      }
    } catch (error) {
      fail(error);
    }
    if (!decoder.finished) throw new ProviderError(provider, 'stream', 'the stream ended early');
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    // Leaving the loop early (consumer stopped, terminal event) must close the socket.
    controller.abort();
  }
}

/** The provider's error message, trimmed, for logs only. */
function describeHttpError(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message =
      typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (message) return message.slice(0, 500);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 500);
}

/** Parses an event's JSON data; a malformed event is a provider failure. */
export function parseEventData<T>(provider: string, event: EventSourceMessage): T {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    throw new ProviderError(
      provider,
      'stream',
      `malformed event data: ${event.data.slice(0, 200)}`,
    );
  }
}
