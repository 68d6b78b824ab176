import { ProviderError } from './provider-error';
import type { AnswerChunk, AnswerRequest, Responder } from './types';

/** Called when a responder failed before its first token and the next one takes over. */
export type FallbackListener = (failed: Responder, error: unknown, next: Responder) => void;

/**
 * A chain of responders that is itself a {@link Responder}. Each member is
 * tried in turn until one produces its first text; errors before that
 * (HTTP errors, refused connections, first-token timeouts) move on to the
 * next member, so the user sees one coherent stream. Once text has flowed,
 * a failure is the stream's failure: words already shown cannot be taken
 * back. An abort by the caller never falls through.
 */
export class FallbackResponder implements Responder {
  readonly name: string;

  constructor(
    private readonly members: Responder[],
    private readonly onFallback?: FallbackListener,
  ) {
    if (members.length === 0) throw new Error('FallbackResponder needs at least one responder');
    this.name = members.map((m, i) => m.name ?? `responder${i}`).join(' > ');
  }

  async *stream(request: AnswerRequest): AsyncGenerator<AnswerChunk> {
    let lastError: unknown;
    for (const [index, member] of this.members.entries()) {
      request.signal.throwIfAborted();
      const iterator = member.stream(request)[Symbol.asyncIterator]();
      let finished = false;
      try {
        const head: AnswerChunk[] = [];
        try {
          // Hold everything up to the first text: nothing reaches the user
          // from a member that may still fail over.
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              finished = true;
              break;
            }
            head.push(next.value);
            if (next.value.type === 'text') break;
          }
        } catch (error) {
          finished = true; // a generator that threw is done; nothing to close
          if (request.signal.aborted) throw error;
          lastError = error;
          const next = this.members[index + 1];
          if (next) this.onFallback?.(member, error, next);
          continue;
        }
        yield* head;
        while (!finished) {
          const next = await iterator.next();
          if (next.done) finished = true;
          else yield next.value;
        }
        return;
      } finally {
        // The consumer stopped early (client gone, stop): close the member's call.
        if (!finished) await iterator.return?.();
      }
    }
    throw lastError ?? new ProviderError(this.name, 'stream', 'no responder answered');
  }
}
