import type { Config } from '../../config';
import { AnthropicResponder } from './anthropic';
import { type FallbackListener, FallbackResponder } from './fallback';
import type { ProviderTimeouts } from './http-stream';
import { OpenAiResponder } from './openai';
import type { Responder } from './types';

/** What provider selection needs beyond the environment. */
export interface SelectOptions {
  /** The offline answerer (the extractive responder); always last in the chain. */
  extractive?: Responder;
  timeouts?: Partial<ProviderTimeouts>;
  onFallback?: FallbackListener;
}

/**
 * Picks the answering chain from the configuration: an OpenAI-compatible
 * endpoint when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set, Anthropic when
 * `ANTHROPIC_API_KEY` is set, then the extractive responder, each falling
 * back to the next. `PARLEY_LLM_MODEL` names the model of the provider it
 * belongs to: `claude…` names go to Anthropic, others to the
 * OpenAI-compatible endpoint; the other provider keeps its default.
 * Returns undefined when nothing can answer.
 */
export function selectResponder(
  config: Pick<Config, 'openai' | 'anthropic' | 'llmModel'>,
  options: SelectOptions = {},
): Responder | undefined {
  const chain: Responder[] = [];
  const model = config.llmModel;
  const claude = model?.toLowerCase().startsWith('claude') ?? false;
  if (config.openai.apiKey || config.openai.baseUrl) {
    chain.push(
      new OpenAiResponder({
        apiKey: config.openai.apiKey,
        baseUrl: config.openai.baseUrl,
        model: claude ? undefined : model,
        timeouts: options.timeouts,
      }),
    );
  }
  if (config.anthropic.apiKey) {
    const onlyProvider = chain.length === 0;
    chain.push(
      new AnthropicResponder({
        apiKey: config.anthropic.apiKey,
        baseUrl: config.anthropic.baseUrl,
        model: claude || (onlyProvider && model) ? model : undefined,
        timeouts: options.timeouts,
      }),
    );
  }
  if (options.extractive) chain.push(options.extractive);
  if (chain.length <= 1) return chain[0];
  return new FallbackResponder(chain, options.onFallback);
}
