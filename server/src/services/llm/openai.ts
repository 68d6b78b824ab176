import {
  defaultTimeouts,
  type ProviderTimeouts,
  parseEventData,
  type StreamDecoder,
  streamProvider,
} from './http-stream';
import { buildGroundedPrompt, type PromptLimits } from './prompt';
import { ProviderError } from './provider-error';
import type { AnswerChunk, AnswerRequest, FinishReason, Responder } from './types';

/** Settings of an OpenAI-compatible chat-completions endpoint. */
export interface OpenAiOptions {
  /** Base URL up to and including the version, e.g. `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Optional: Ollama, vLLM and LM Studio need none. */
  apiKey?: string;
  model?: string;
  maxTokens?: number;
  temperature?: number;
  timeouts?: Partial<ProviderTimeouts>;
  promptLimits?: Partial<PromptLimits>;
}

interface CompletionChunk {
  error?: { message?: string } | string;
  choices?: {
    delta?: { content?: string | null; refusal?: string | null };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
};

/**
 * Streams grounded answers from any OpenAI-compatible `/chat/completions`
 * endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, LM Studio…).
 */
export class OpenAiResponder implements Responder {
  readonly name: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiOptions = {}) {
    const base = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    this.url = `${base}/chat/completions`;
    this.name = `openai:${options.model ?? 'gpt-4o-mini'}`;
  }

  stream(request: AnswerRequest): AsyncIterable<AnswerChunk> {
    const prompt = buildGroundedPrompt(request, this.options.promptLimits);
    const headers: Record<string, string> = {};
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
    return streamProvider({
      provider: this.name,
      url: this.url,
      headers,
      body: {
        model: this.options.model ?? 'gpt-4o-mini',
        messages: [{ role: 'system', content: prompt.system }, ...prompt.messages],
        stream: true,
        stream_options: { include_usage: true },
        temperature: this.options.temperature ?? 0.2,
        max_tokens: this.options.maxTokens ?? 1024,
      },
      signal: request.signal,
      timeouts: { ...defaultTimeouts, ...this.options.timeouts },
      decoder: new CompletionDecoder(this.name),
    });
  }
}

/** Decodes `chat.completion.chunk` events, `[DONE]` and in-band errors. */
class CompletionDecoder implements StreamDecoder {
  finished = false;
  terminal = false;
  private refused = false;

  constructor(private readonly provider: string) {}

  decode(event: { data: string }): AnswerChunk[] {
    if (event.data.trim() === '[DONE]') {
      this.terminal = true;
      // Some servers omit finish_reason; [DONE] still means the answer is whole.
      this.finished = true;
      return [];
    }
    const chunk = parseEventData<CompletionChunk>(this.provider, event);
    if (chunk.error) {
      const detail = typeof chunk.error === 'string' ? chunk.error : chunk.error.message;
      throw new ProviderError(this.provider, 'stream', detail ?? 'error event');
    }
    const out: AnswerChunk[] = [];
    const choice = chunk.choices?.[0];
    // A refusal is still text the user should read; the finish reason says what it was.
    const text = choice?.delta?.content || choice?.delta?.refusal;
    if (text) out.push({ type: 'text', delta: text });
    if (choice?.delta?.refusal) this.refused = true;
    if (choice?.finish_reason) {
      this.finished = true;
      const reason = this.refused ? 'refusal' : (finishReasons[choice.finish_reason] ?? 'stop');
      out.push({ type: 'finish', reason });
    }
    if (chunk.usage) {
      out.push({
        type: 'usage',
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
      });
    }
    return out;
  }
}
