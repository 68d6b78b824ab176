import type { AnswerChunk, AnswerRequest, Responder } from '../../server/src/services/llm/types';

/**
 * A local provider for benchmarks: `tokens` text deltas, the first one
 * immediately and then one every `intervalMs` (50 ms = 20 tokens/s), like a
 * model streaming at a steady rate. Honours the abort signal. Plain
 * `setTimeout` and one abort listener per answer, so the provider costs
 * what the bare server's timer does and the comparison measures Parley.
 */
export class TickingResponder implements Responder {
  readonly name = 'bench:ticking';

  constructor(
    private readonly tokens: number,
    private readonly intervalMs: number,
  ) {}

  async *stream(request: AnswerRequest): AsyncIterable<AnswerChunk> {
    let wake: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      wake?.();
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (let i = 0; i < this.tokens; i++) {
        if (i > 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, this.intervalMs);
          });
        }
        request.signal.throwIfAborted();
        yield { type: 'text', delta: `tok${i} ` };
      }
      yield { type: 'usage', promptTokens: 100, completionTokens: this.tokens };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }
}
