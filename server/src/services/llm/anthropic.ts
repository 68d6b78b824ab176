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

/** Settings of the Anthropic Messages API. */
export interface AnthropicOptions {
  apiKey: string;
  /** Base URL without the version path, e.g. `https://api.anthropic.com`. */
  baseUrl?: string;
  model?: string;
  maxTokens?: number;
  temperature?: number;
  timeouts?: Partial<ProviderTimeouts>;
  promptLimits?: Partial<PromptLimits>;
}

/** The model used when none is configured. */
export const defaultAnthropicModel = 'claude-3-5-haiku-latest';

interface MessagesEvent {
  type: string;
  message?: { usage?: { input_tokens?: number; output_tokens?: number } };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: { output_tokens?: number };
  error?: { type?: string; message?: string };
}

const stopReasons: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  refusal: 'refusal',
};

/** Streams grounded answers from the Anthropic Messages API. */
export class AnthropicResponder implements Responder {
  readonly name: string;
  private readonly url: string;

  constructor(private readonly options: AnthropicOptions) {
    const base = (options.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '');
    this.url = `${base}/v1/messages`;
    this.name = `anthropic:${options.model ?? defaultAnthropicModel}`;
  }

  stream(request: AnswerRequest): AsyncIterable<AnswerChunk> {
    const prompt = buildGroundedPrompt(request, this.options.promptLimits);
    return streamProvider({
      provider: this.name,
      url: this.url,
      headers: { 'x-api-key': this.options.apiKey, 'anthropic-version': '2023-06-01' },
      body: {
        model: this.options.model ?? defaultAnthropicModel,
        system: prompt.system,
        messages: prompt.messages,
        max_tokens: this.options.maxTokens ?? 1024,
        temperature: this.options.temperature ?? 0.2,
        stream: true,
      },
      signal: request.signal,
      timeouts: { ...defaultTimeouts, ...this.options.timeouts },
      decoder: new MessagesDecoder(this.name),
    });
  }
}

/** Decodes Messages stream events; usage arrives in two halves (start and delta). */
class MessagesDecoder implements StreamDecoder {
  finished = false;
  terminal = false;
  private promptTokens = 0;

  constructor(private readonly provider: string) {}

  decode(event: { event?: string; data: string }): AnswerChunk[] {
    const data = parseEventData<MessagesEvent>(this.provider, event);
    switch (data.type) {
      case 'message_start':
        this.promptTokens = data.message?.usage?.input_tokens ?? 0;
        return [];
      case 'content_block_delta':
        return data.delta?.type === 'text_delta' && data.delta.text
          ? [{ type: 'text', delta: data.delta.text }]
          : [];
      case 'message_delta': {
        const out: AnswerChunk[] = [];
        if (data.delta?.stop_reason) {
          this.finished = true;
          out.push({ type: 'finish', reason: stopReasons[data.delta.stop_reason] ?? 'stop' });
        }
        if (data.usage?.output_tokens !== undefined) {
          out.push({
            type: 'usage',
            promptTokens: this.promptTokens,
            completionTokens: data.usage.output_tokens,
          });
        }
        return out;
      }
      case 'message_stop':
        this.finished = true;
        this.terminal = true;
        return [];
      case 'error':
        throw new ProviderError(
          this.provider,
          'stream',
          `${data.error?.type ?? 'error'}: ${data.error?.message ?? ''}`,
        );
      default:
        // ping, content_block_start/stop and future event types carry no text.
        return [];
    }
  }
}
