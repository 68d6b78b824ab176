import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnthropicResponder } from '../../../src/services/llm/anthropic';
import { FallbackResponder } from '../../../src/services/llm/fallback';
import { OpenAiResponder } from '../../../src/services/llm/openai';
import { ProviderError } from '../../../src/services/llm/provider-error';
import type { Responder } from '../../../src/services/llm/types';
import { startFakeLlmServer } from '../../support/fake-llm-server';
import { collect, request } from './helpers';

test('fallback: an HTTP error before the first token hands over to the next provider', async (t) => {
  const primary = await startFakeLlmServer(t, { mode: 'http-error', httpStatus: 503 });
  const secondary = await startFakeLlmServer(t, { reply: 'From the backup [1].' });
  const fallbacks: string[] = [];
  const chain = new FallbackResponder(
    [
      new OpenAiResponder({ baseUrl: primary.openaiBaseUrl, model: 'a' }),
      new AnthropicResponder({ apiKey: 'k', baseUrl: secondary.anthropicBaseUrl, model: 'b' }),
    ],
    (failed, error, next) =>
      fallbacks.push(`${failed.name} -> ${next.name}: ${(error as ProviderError).httpStatus}`),
  );
  const answer = await collect(chain.stream(request()));
  assert.equal(answer.text, 'From the backup [1].');
  assert.equal(answer.finish, 'stop');
  assert.deepEqual(fallbacks, ['openai:a -> anthropic:b: 503']);
  assert.equal(chain.name, 'openai:a > anthropic:b');
});

test('fallback: a slow first token times the primary out, closes it, and the next answers', async (t) => {
  const primary = await startFakeLlmServer(t, { firstTokenDelayMs: 5000 });
  const secondary = await startFakeLlmServer(t, { reply: 'Quick answer.' });
  const chain = new FallbackResponder([
    new OpenAiResponder({ baseUrl: primary.openaiBaseUrl, timeouts: { firstTokenMs: 50 } }),
    new OpenAiResponder({ baseUrl: secondary.openaiBaseUrl }),
  ]);
  const answer = await collect(chain.stream(request()));
  assert.equal(answer.text, 'Quick answer.');
  await primary.waitForAbort();
});

test('fallback: a mid-stream error after text is not retried (the user saw the words)', async (t) => {
  const primary = await startFakeLlmServer(t, { mode: 'mid-stream-error', errorAfter: 2 });
  const secondary = await startFakeLlmServer(t);
  const chain = new FallbackResponder([
    new OpenAiResponder({ baseUrl: primary.openaiBaseUrl }),
    new OpenAiResponder({ baseUrl: secondary.openaiBaseUrl }),
  ]);
  let text = '';
  await assert.rejects(async () => {
    for await (const chunk of chain.stream(request()))
      if (chunk.type === 'text') text += chunk.delta;
  }, ProviderError);
  assert.equal(text, 'The dental ');
  assert.equal(secondary.requests.length, 0);
});

test('fallback: when every member fails the last error is thrown', async (t) => {
  const down = await startFakeLlmServer(t, { mode: 'http-error', httpStatus: 500 });
  const chain = new FallbackResponder([
    new OpenAiResponder({ baseUrl: 'http://127.0.0.1:9/v1' }),
    new OpenAiResponder({ baseUrl: down.openaiBaseUrl }),
  ]);
  await assert.rejects(
    collect(chain.stream(request())),
    (error: unknown) => error instanceof ProviderError && error.httpStatus === 500,
  );
});

test('fallback: a caller abort never falls through to the next member', async (t) => {
  const primary = await startFakeLlmServer(t, { firstTokenDelayMs: 5000 });
  const secondary = await startFakeLlmServer(t);
  const controller = new AbortController();
  const chain = new FallbackResponder([
    new OpenAiResponder({ baseUrl: primary.openaiBaseUrl }),
    new OpenAiResponder({ baseUrl: secondary.openaiBaseUrl }),
  ]);
  const pending = collect(chain.stream(request({ signal: controller.signal })));
  await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await assert.rejects(pending, /abort/i);
  await primary.waitForAbort();
  assert.equal(secondary.requests.length, 0);
});

test('fallback: stopping the consumer early closes the member that is answering', async (t) => {
  const fake = await startFakeLlmServer(t, { chunkDelayMs: 30, reply: 'a b c d e f g h' });
  const chain = new FallbackResponder([new OpenAiResponder({ baseUrl: fake.openaiBaseUrl })]);
  for await (const chunk of chain.stream(request())) if (chunk.type === 'text') break;
  await fake.waitForAbort();
  assert.equal(fake.aborts, 1);
});

test('fallback: usage sent before the first text reaches the consumer once, in order', async () => {
  const member: Responder = {
    async *stream() {
      yield { type: 'usage', promptTokens: 3, completionTokens: 0 };
      yield { type: 'text', delta: 'hi' };
      yield { type: 'finish', reason: 'stop' };
    },
  };
  const seen = [];
  for await (const chunk of new FallbackResponder([member]).stream(request()))
    seen.push(chunk.type);
  assert.deepEqual(seen, ['usage', 'text', 'finish']);
});
