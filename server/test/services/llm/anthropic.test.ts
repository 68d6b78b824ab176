import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnthropicResponder } from '../../../src/services/llm/anthropic';
import { ProviderError } from '../../../src/services/llm/provider-error';
import { startFakeLlmServer } from '../../support/fake-llm-server';
import { collect, request } from './helpers';

test('Anthropic: streams text deltas, usage from both halves, and end_turn as stop', async (t) => {
  const fake = await startFakeLlmServer(t, { reply: 'It is $50 [1].', promptTokens: 77 });
  const responder = new AnthropicResponder({
    apiKey: 'sk-ant-test',
    baseUrl: fake.anthropicBaseUrl,
    model: 'claude-test',
  });
  const answer = await collect(
    responder.stream(
      request({
        persona: 'You are Nora, the HR helper.',
        history: [
          { role: 'user', content: 'hello' },
          { role: 'assistant', content: 'Hi! How can I help?' },
        ],
      }),
    ),
  );
  assert.equal(answer.text, 'It is $50 [1].');
  assert.deepEqual(answer.usage, { type: 'usage', promptTokens: 77, completionTokens: 4 });
  assert.equal(answer.finish, 'stop');
  const [sent] = fake.requests;
  assert.equal(sent?.headers['x-api-key'], 'sk-ant-test');
  assert.equal(sent?.headers['anthropic-version'], '2023-06-01');
  assert.equal(sent?.body.model, 'claude-test');
  assert.match(String(sent?.body.system), /^Persona set by the organisation:\nYou are Nora/);
  const messages = sent?.body.messages as { role: string }[];
  assert.deepEqual(
    messages.map((m) => m.role),
    ['user', 'assistant', 'user'],
  );
});

test('Anthropic: an error event mid-stream fails with the provider detail', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'mid-stream-error', errorAfter: 1 });
  const responder = new AnthropicResponder({ apiKey: 'k', baseUrl: fake.anthropicBaseUrl });
  let text = '';
  await assert.rejects(
    async () => {
      for await (const chunk of responder.stream(request()))
        if (chunk.type === 'text') text += chunk.delta;
    },
    (error: unknown) => error instanceof ProviderError && /overloaded_error/.test(error.detail),
  );
  assert.equal(text, 'The ');
});

test('Anthropic: refusal and max_tokens map to finish reasons', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'refusal' });
  const responder = new AnthropicResponder({ apiKey: 'k', baseUrl: fake.anthropicBaseUrl });
  assert.equal((await collect(responder.stream(request()))).finish, 'refusal');
  fake.behaviour.mode = 'length';
  assert.equal((await collect(responder.stream(request()))).finish, 'length');
});

test('Anthropic: HTTP 529 before the stream is a provider failure with its status', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'http-error', httpStatus: 529 });
  const responder = new AnthropicResponder({ apiKey: 'k', baseUrl: fake.anthropicBaseUrl });
  await assert.rejects(
    collect(responder.stream(request())),
    (error: unknown) =>
      error instanceof ProviderError && error.httpStatus === 529 && error.detail === 'Overloaded',
  );
});

test('Anthropic: a stream that never sends a token times out and is closed', async (t) => {
  const fake = await startFakeLlmServer(t, { mode: 'hang' });
  const responder = new AnthropicResponder({
    apiKey: 'k',
    baseUrl: fake.anthropicBaseUrl,
    timeouts: { firstTokenMs: 50 },
  });
  await assert.rejects(
    collect(responder.stream(request())),
    (error: unknown) => error instanceof ProviderError && error.failure === 'timeout',
  );
  await fake.waitForAbort();
});
