import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSse } from '../support/sse';
import { startApp } from '../support/start-app';

type ErrorJson = { error: { code: string; message: string } };

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Parley-Key': 'pk_test_demo' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('POST /v1/chat streams meta, tokens and done with <messageId>:<seq> ids', async (t) => {
  const { url } = await startApp(t);
  const res = await post(url, { message: 'What is the dental deductible?' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(res.headers.get('x-accel-buffering'), 'no');
  const events = await readSse(res);
  assert.equal(events[0]?.event, 'meta');
  const meta = JSON.parse(events[0]!.data) as { conversationId: string; messageId: string };
  assert.ok(meta.conversationId && meta.messageId);
  assert.equal(events.at(-1)?.event, 'done');
  const tokens = events.filter((e) => e.event === 'token');
  assert.ok(tokens.length > 3);
  const text = tokens.map((e) => (JSON.parse(e.data) as { delta: string }).delta).join('');
  assert.match(text, /dental deductible/);
  for (const [seq, event] of events.entries()) assert.equal(event.id, `${meta.messageId}:${seq}`);
  const done = JSON.parse(events.at(-1)!.data);
  assert.equal(done.messageId, meta.messageId);
  assert.equal(done.finishReason, 'stop');
  assert.equal(typeof done.usage.completionTokens, 'number');
});

test('POST /v1/chat keeps a given conversationId', async (t) => {
  const { url } = await startApp(t);
  const events = await readSse(await post(url, { message: 'hi', conversationId: 'conv-1' }));
  assert.equal(JSON.parse(events[0]!.data).conversationId, 'conv-1');
});

test('POST /v1/chat refuses bad input with catalogue errors', async (t) => {
  const { url } = await startApp(t);
  const empty = await post(url, { message: '   ' });
  assert.equal(empty.status, 400);
  assert.equal(((await empty.json()) as ErrorJson).error.code, 'PARLEY_VALIDATION_FAILED');

  const broken = await post(url, '{"message":');
  assert.equal(broken.status, 400);
  assert.equal(((await broken.json()) as ErrorJson).error.code, 'PARLEY_BAD_REQUEST');

  const long = await post(url, { message: 'x'.repeat(4001) });
  assert.equal(long.status, 413);
  assert.equal(((await long.json()) as ErrorJson).error.code, 'PARLEY_CHAT_MESSAGE_TOO_LONG');
});
