/** LLM providers and the answering seam (see docs/chat.md and docs/CONTRACTS.md). */
export { type AnthropicOptions, AnthropicResponder } from './anthropic';
export { FallbackResponder } from './fallback';
export { type OpenAiOptions, OpenAiResponder } from './openai';
export { buildGroundedPrompt } from './prompt';
export { ProviderError } from './provider-error';
export { selectResponder } from './select';
export type { AnswerChunk, AnswerRequest, FinishReason, Responder, RetrievedSource } from './types';
