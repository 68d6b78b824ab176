import type { Config } from '../../../config';
import type { KnowledgeEmbeddings } from '../types';
import { LocalHashEmbeddings } from './local';
import { OpenAICompatibleEmbeddings } from './openai';

export { LocalHashEmbeddings } from './local';
export { OpenAICompatibleEmbeddings } from './openai';

const OPENAI_URL = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'text-embedding-3-small';

/**
 * The embedder the configuration asks for: an OpenAI-compatible endpoint
 * when `PARLEY_EMBEDDINGS_URL` or `OPENAI_API_KEY` is set, otherwise the
 * built-in local embedder that needs nothing.
 */
export function createEmbeddings(
  config: Pick<Config, 'embeddingsUrl' | 'embeddingsModel' | 'openai'>,
): KnowledgeEmbeddings {
  const url =
    config.embeddingsUrl ??
    (config.openai.apiKey ? (config.openai.baseUrl ?? OPENAI_URL) : undefined);
  if (!url) return new LocalHashEmbeddings();
  return new OpenAICompatibleEmbeddings({
    url,
    model: config.embeddingsModel ?? DEFAULT_MODEL,
    ...(config.openai.apiKey ? { apiKey: config.openai.apiKey } : {}),
  });
}

/** True for the built-in embedder, whose retrieval benefits from the lexical re-rank. */
export function isLocalEmbeddings(embeddings: KnowledgeEmbeddings): boolean {
  return embeddings instanceof LocalHashEmbeddings;
}
