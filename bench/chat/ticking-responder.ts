import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerChunk, AnswerRequest, Responder } from '../../server/src/services/llm/types';

/**
 * A local provider for benchmarks: `tokens` text deltas, the first one
 * immediately and then one every `intervalMs` (50 ms = 20 tokens/s), like a
 * model streaming at a steady rate. Honours the abort signal.
 */
export class TickingResponder implements Responder {
  readonly name = 'bench:ticking';

  constructor(
    private readonly tokens: number,
    private readonly intervalMs: number,
  ) {}

  async *stream(request: AnswerRequest): AsyncIterable<AnswerChunk> {
    for (let i = 0; i < this.tokens; i++) {
      if (i > 0) await sleep(this.intervalMs, undefined, { signal: request.signal });
      yield { type: 'text', delta: `tok${i} ` };
    }
    yield { type: 'usage', promptTokens: 100, completionTokens: this.tokens };
  }
}
