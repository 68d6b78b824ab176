import { Embeddings } from '@langchain/core/embeddings';
import { z } from 'zod';
import { ParleyError } from '../../../errors';
import type { KnowledgeEmbeddings } from '../types';

/** Where and how to reach an OpenAI-compatible embeddings endpoint. */
export interface OpenAICompatibleOptions {
  /** Base URL such as `https://api.openai.com/v1`, or the full `…/embeddings` URL. */
  url: string;
  apiKey?: string;
  model: string;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** Retries after a 429, a 5xx or a network error (not after other 4xx). */
  retries?: number;
}

// Known sizes spare a probe request; other models are asked once.
const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

const responseSchema = z.object({
  data: z
    .array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }))
    .min(1),
});

/**
 * Embeddings from any endpoint that speaks OpenAI's `POST /v1/embeddings`
 * (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio…). Answers are validated:
 * one finite vector per input, all of one length, or the call fails with
 * `PARLEY_EMBEDDINGS_FAILED`, never with a half-indexed document.
 */
export class OpenAICompatibleEmbeddings extends Embeddings implements KnowledgeEmbeddings {
  readonly name: string;
  private readonly endpoint: string;
  private readonly options: Required<Omit<OpenAICompatibleOptions, 'apiKey'>> & { apiKey?: string };
  private dimensions: number | undefined;

  constructor(options: OpenAICompatibleOptions) {
    super({ maxRetries: 0 });
    this.options = { batchSize: 64, timeoutMs: 30_000, retries: 2, ...options };
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = /\/embeddings$/.test(base) ? base : `${base}/embeddings`;
    this.name = `openai-compatible:${options.model}`;
    this.dimensions = KNOWN_DIMENSIONS[options.model];
  }

  async resolveDimensions(): Promise<number> {
    this.dimensions ??= (await this.request(['dimension probe']))[0]!.length;
    return this.dimensions;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      vectors.push(...(await this.request(texts.slice(i, i + this.options.batchSize))));
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.request([text]))[0]!;
  }

  private async request(input: string[]): Promise<number[][]> {
    let lastError = 'no attempt';
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: this.options.model, input }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        lastError =
          error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
        continue;
      }
      if (response.ok)
        return this.validate(await response.json().catch(() => undefined), input.length);
      await response.body?.cancel();
      lastError = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) break;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
    throw new ParleyError('PARLEY_EMBEDDINGS_FAILED', {
      message: `The embeddings endpoint failed (${lastError}).`,
    });
  }

  private validate(body: unknown, count: number): number[][] {
    const parsed = responseSchema.safeParse(body);
    const fail = (why: string) =>
      new ParleyError('PARLEY_EMBEDDINGS_FAILED', {
        message: `The embeddings endpoint answered ${why}.`,
      });
    if (!parsed.success) throw fail('with a malformed body');
    const vectors = [...parsed.data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    if (vectors.length !== count) throw fail(`${vectors.length} vectors for ${count} inputs`);
    const length = this.dimensions ?? vectors[0]!.length;
    for (const vector of vectors) {
      if (vector.length !== length || length === 0) throw fail('vectors of inconsistent length');
      if (!vector.every(Number.isFinite)) throw fail('non-numeric vector values');
    }
    return vectors;
  }
}
