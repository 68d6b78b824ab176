import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenAiResponder } from '../../../src/services/llm/openai';
import { ProviderError } from '../../../src/services/llm/provider-error';
import { startFakeLlmServer } from '../../support/fake-llm-server';
import { collect, request } from './helpers';

test('OpenAI-compatible: streams text, usage and finish reason, and sends a grounded request', async (t) => {
  const fake = await startFakeLlmServer(t, { reply: 'It is $50 per person [1].' });
  const responder = new OpenAiResponder({
    baseUrl: fake.openaiBaseUrl,
    apiKey: 'sk-test',
    model: 'm1',
  });
  const answer = await collect(responder.stream(request()));
  assert.equal(answer.text, 'It is $50 per person [1].');
  assert.equal(answer.texts, 6);
  assert.deepEqual(answer.usage, { type: 'usage', promptTokens: 42, completionTokens: 6 });
  assert.equal(answer.finish, 'stop');
  const [sent] = fake.requests;
  assert.equal(sent?.headers.authorization, 'Bearer sk-test');
  assert.equal(sent?.body.model, 'm1');
  assert.equal(sent?.body.stream, true);
  const messages = sent?.body.messages as { role: string; content: string }[];
  assert.equal(messages[0]?.role, 'system');
  assert.match(messages.at(-1)!.content, /dental plan deductible is \$50/);
  assert.equal(responder.name, 'openai:m1');
});

test('OpenAI-compatible: no Authorization header without a key (Ollama, vLLM)', async (t) => {
  const fake = await startFakeLlmServer(t);
  await collect(new OpenAiResponder({ baseUrl: `${fake.openaiBaseUrl}/` }).stream(request()));
  assert.equal(fake.requests[0]?.headers.authorization, undefined);
});

test('OpenAI-compatible: an in-band error mid-stream fails after the text already sent', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'mid-stream-error', errorAfter: 2 });
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (const chunk of new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }).stream(
        request(),
      ))
        if (chunk.type === 'text') seen.push(chunk.delta);
    },
    (error: unknown) =>
      error instanceof ProviderError &&
      error.code === 'PARLEY_CHAT_PROVIDER_FAILED' &&
      error.failure === 'stream' &&
      /fake model failed/.test(error.detail),
  );
  assert.deepEqual(seen, ['The ', 'dental ']);
});

test('OpenAI-compatible: a dropped connection is a failure, not a short answer', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'drop', errorAfter: 3 });
  await assert.rejects(
    collect(new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }).stream(request())),
    (error: unknown) => error instanceof ProviderError && error.failure !== 'timeout',
  );
});

test('OpenAI-compatible: HTTP errors carry the status and the provider message for logs', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'http-error', httpStatus: 429 });
  await assert.rejects(
    collect(new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }).stream(request())),
    (error: unknown) =>
      error instanceof ProviderError &&
      error.httpStatus === 429 &&
      error.detail === 'The fake model failed.' &&
      error.message === 'The answer service failed; please try again.',
  );
});

test('OpenAI-compatible: a slow first token times out', async (t) => {
  const fake = await startFakeLlmServer(t, { firstTokenDelayMs: 2000 });
  const responder = new OpenAiResponder({
    baseUrl: fake.openaiBaseUrl,
    timeouts: { firstTokenMs: 50 },
  });
  await assert.rejects(
    collect(responder.stream(request())),
    (error: unknown) =>
      error instanceof ProviderError && error.code === 'PARLEY_CHAT_PROVIDER_TIMEOUT',
  );
  await fake.waitForAbort();
});

test('OpenAI-compatible: refusals and length limits are reported as finish reasons', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'refusal', reply: 'I cannot help with that.' });
  const responder = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl });
  const refused = await collect(responder.stream(request()));
  assert.equal(refused.text, 'I cannot help with that.');
  assert.equal(refused.finish, 'refusal');
  fake.behaviour.mode = 'length';
  assert.equal((await collect(responder.stream(request()))).finish, 'length');
});

test('OpenAI-compatible: aborting the signal closes the HTTP request', async (t) => {
  const fake = await startFakeLlmServer(t, {
    chunkDelayMs: 50,
    reply: 'one two three four five six',
  });
  const controller = new AbortController();
  const stream = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }).stream(
    request({ signal: controller.signal }),
  );
  await assert.rejects(async () => {
    for await (const chunk of stream) if (chunk.type === 'text') controller.abort();
  }, /abort/i);
  await fake.waitForAbort();
  assert.equal(fake.aborts, 1);
});

test('OpenAI-compatible: an unreachable endpoint is a network failure', async () => {
  const responder = new OpenAiResponder({ baseUrl: 'http://127.0.0.1:9/v1' });
  await assert.rejects(
    collect(responder.stream(request())),
    (error: unknown) => error instanceof ProviderError && error.failure === 'network',
  );
});
