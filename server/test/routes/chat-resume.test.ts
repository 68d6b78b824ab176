import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { messageModel } from '../../src/models/message';
import { OpenAiResponder } from '../../src/services/llm/openai';
import {
  type ChatApp,
  type ChatEvent,
  eventually,
  readEvents,
  startChatApp,
  tokensText,
  widgetFetch,
} from '../support/chat-app';
import { startFakeLlmServer } from '../support/fake-llm-server';

type ErrorJson = { error: { code: string; message: string } };
type Meta = { conversationId: string; messageId: string; visitorToken: string };

const reply = Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ');
const fast = { flushMs: 10, pollMs: 10, tailMs: 10 };

/** Reads a new chat until `tokens` tokens arrived, then drops the connection. */
async function askAndDrop(app: ChatApp, tokens: number) {
  const res = await widgetFetch(app, '/v1/chat', { body: { message: 'dental deductible?' } });
  const events = await readEvents(
    res,
    (_e, all) => all.filter((x) => x.event === 'token').length === tokens,
  );
  return { events, meta: events[0]!.data as Meta };
}

function resume(app: ChatApp, lastEventId: string, visitorToken?: string) {
  return widgetFetch(app, '/v1/chat', {
    body: { message: 'dental deductible?' },
    headers: {
      'Last-Event-ID': lastEventId,
      ...(visitorToken ? { 'X-Parley-Visitor': visitorToken } : {}),
    },
  });
}

/** Every seq from 0 to the end exactly once, ending in done. */
function assertWhole(events: ChatEvent[], messageId: string) {
  assert.deepEqual(
    events.map((e) => e.id),
    events.map((_, seq) => `${messageId}:${seq}`),
  );
  assert.equal(events.at(-1)!.event, 'done');
  assert.equal(`${tokensText(events)}`, `${reply.split(' ').join(' ')}`);
}

test('Last-Event-ID resumes a live stream on the same instance without loss or duplication', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 10 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const { events, meta } = await askAndDrop(app, 3);
  const res = await resume(app, events.at(-1)!.id!, meta.visitorToken);
  assert.equal(res.status, 200);
  const rest = await readEvents(res);
  assertWhole([...events, ...rest], meta.messageId);
  assert.equal(fake.requests.length, 1, 'the resume did not ask the model again');
  assert.equal(fake.aborts, 0);
});

test('Last-Event-ID resumes on another instance while the first one is still generating', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 15 });
  const responder = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl });
  const a = await startChatApp(t, { responder, timings: { ...fast, graceMs: 3000 } });
  const b = await startChatApp(t, { responder, timings: fast, peer: a });
  const { events, meta } = await askAndDrop(a, 2);
  const rest = await readEvents(await resume(b, events.at(-1)!.id!, meta.visitorToken));
  assertWhole([...events, ...rest], meta.messageId);
  // A kept generating for the reader on B: its model call was never aborted.
  assert.equal(fake.aborts, 0);
});

test('Last-Event-ID replays a finished stream from the stored buffer on any instance', async (t) => {
  const fake = await startFakeLlmServer(t, { reply });
  const responder = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl });
  const a = await startChatApp(t, { responder, timings: fast });
  const b = await startChatApp(t, { responder, timings: fast, peer: a });
  const res = await widgetFetch(a, '/v1/chat', { body: { message: 'dental?' } });
  const all = await readEvents(res);
  const meta = all[0]!.data as Meta;
  await eventually(async () => !a.chat.registry.size);
  const replay = await readEvents(await resume(b, `${meta.messageId}:4`, meta.visitorToken));
  assert.deepEqual(replay, all.slice(5));
  const fromStart = await readEvents(await resume(b, `${meta.messageId}:-1`, meta.visitorToken));
  assert.deepEqual(fromStart, all);
});

test('Last-Event-ID is refused when malformed, unknown, tokenless or not the owner', async (t) => {
  const fake = await startFakeLlmServer(t, { reply });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const all = await readEvents(
    await widgetFetch(app, '/v1/chat', { body: { message: 'dental?' } }),
  );
  const meta = all[0]!.data as Meta;
  const other = await readEvents(await widgetFetch(app, '/v1/chat', { body: { message: 'pto?' } }));
  const stranger = (other[0]!.data as Meta).visitorToken;
  const cases: [string, string | undefined, number, string][] = [
    ['garbage', meta.visitorToken, 400, 'PARLEY_VALIDATION_FAILED'],
    [`${meta.messageId}:x`, meta.visitorToken, 400, 'PARLEY_VALIDATION_FAILED'],
    ['0123456789abcdef01234567:3', meta.visitorToken, 404, 'PARLEY_CHAT_STREAM_NOT_FOUND'],
    [`${meta.messageId}:3`, undefined, 401, 'PARLEY_VISITOR_TOKEN_REQUIRED'],
    [`${meta.messageId}:3`, stranger, 404, 'PARLEY_CHAT_STREAM_NOT_FOUND'],
  ];
  for (const [id, token, status, code] of cases) {
    const res = await resume(app, id, token);
    assert.equal(res.status, status, `${id} ${token ? 'with' : 'without'} token`);
    assert.equal(((await res.json()) as ErrorJson).error.code, code);
  }
  const foreign = await widgetFetch(app, '/v1/chat', {
    method: 'POST',
    key: app.tenants[1]!.key,
    headers: { 'Last-Event-ID': `${meta.messageId}:3`, 'X-Parley-Visitor': meta.visitorToken },
  });
  assert.equal(foreign.status, 401, "another tenant's widget cannot use this visitor's token");
});

test('POST /v1/messages/:id/stop aborts the model call and ends the stream with finishReason stopped', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 20 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const res = await widgetFetch(app, '/v1/chat', { body: { message: 'dental?' } });
  let stopped: Promise<Response> | undefined;
  const events = await readEvents(res, (e, all) => {
    if (e.event === 'token' && !stopped) {
      const meta = all[0]!.data as Meta;
      stopped = widgetFetch(app, `/v1/messages/${meta.messageId}/stop`, {
        method: 'POST',
        headers: { 'X-Parley-Visitor': meta.visitorToken },
      });
    }
    return false;
  });
  const stop = await stopped!;
  assert.equal(stop.status, 202);
  const meta = events[0]!.data as Meta;
  const done = events.at(-1)!;
  assert.equal(done.event, 'done');
  assert.equal((done.data as { finishReason: string }).finishReason, 'stopped');
  await fake.waitForAbort();
  const partial = tokensText(events);
  assert.ok(partial.length > 0 && partial.length < reply.length);
  const stored = await messageModel(app.database.connection).findById(meta.messageId).lean();
  assert.equal(stored?.status, 'stopped');
  assert.equal(stored?.content, partial);

  const again = await widgetFetch(app, `/v1/messages/${meta.messageId}/stop`, {
    method: 'POST',
    headers: { 'X-Parley-Visitor': meta.visitorToken },
  });
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), {
    messageId: meta.messageId,
    stopping: false,
    status: 'stopped',
  });
});

test('POST /v1/messages/:id/stop on another instance stops the stream where it runs', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 20 });
  const responder = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl });
  const a = await startChatApp(t, { responder, timings: fast });
  const b = await startChatApp(t, { responder, timings: fast, peer: a });
  const res = await widgetFetch(a, '/v1/chat', { body: { message: 'dental?' } });
  let stop: Promise<Response> | undefined;
  const events = await readEvents(res, (e, all) => {
    const meta = all[0]!.data as Meta;
    // After the first token the stream's buffer exists in the database.
    if (e.event === 'token' && all.filter((x) => x.event === 'token').length === 2 && !stop) {
      stop = widgetFetch(b, `/v1/messages/${meta.messageId}/stop`, {
        method: 'POST',
        headers: { 'X-Parley-Visitor': meta.visitorToken },
      });
    }
    return false;
  });
  assert.equal((await stop!).status, 202);
  assert.equal((events.at(-1)!.data as { finishReason: string }).finishReason, 'stopped');
  await fake.waitForAbort();
});

test('stop and feedback are refused to anyone but the owner', async (t) => {
  const fake = await startFakeLlmServer(t, { reply });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const all = await readEvents(
    await widgetFetch(app, '/v1/chat', { body: { message: 'dental?' } }),
  );
  const meta = all[0]!.data as Meta;
  const other = await readEvents(await widgetFetch(app, '/v1/chat', { body: { message: 'pto?' } }));
  const stranger = (other[0]!.data as Meta).visitorToken;
  const noToken = await widgetFetch(app, `/v1/messages/${meta.messageId}/stop`, { method: 'POST' });
  assert.equal(noToken.status, 401);
  const foreign = await widgetFetch(app, `/v1/messages/${meta.messageId}/stop`, {
    method: 'POST',
    headers: { 'X-Parley-Visitor': stranger },
  });
  assert.equal(foreign.status, 404);
  assert.equal(((await foreign.json()) as ErrorJson).error.code, 'PARLEY_MESSAGE_NOT_FOUND');
});

test('a client disconnect aborts the model call once nobody resumes within the grace period', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 30 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: { ...fast, graceMs: 50 },
  });
  const { events, meta } = await askAndDrop(app, 2);
  await fake.waitForAbort();
  const stored = await eventually(async () => {
    const m = await messageModel(app.database.connection).findById(meta.messageId).lean();
    return m?.status !== 'streaming' && m;
  });
  assert.equal(stored.status, 'aborted');
  assert.ok(stored.content.startsWith(tokensText(events)));
  // A late reconnect still gets the rest of what was produced, and the end.
  const rest = await readEvents(await resume(app, events.at(-1)!.id!, meta.visitorToken));
  assert.equal(rest.at(-1)!.event, 'done');
  assert.equal((rest.at(-1)!.data as { finishReason: string }).finishReason, 'aborted');
});

test('a client disconnect with no grace aborts the model call at once', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 50 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: { ...fast, graceMs: 0 },
  });
  await askAndDrop(app, 1);
  await fake.waitForAbort();
  assert.equal(fake.aborts, 1);
});

test('a resumed stream whose instance died reports PARLEY_CHAT_STREAM_LOST', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 20 });
  const responder = new OpenAiResponder({ baseUrl: fake.openaiBaseUrl });
  const a = await startChatApp(t, { responder, timings: { ...fast, graceMs: 60_000 } });
  const b = await startChatApp(t, {
    responder,
    timings: { ...fast, lostAfterMs: 100 },
    peer: a,
  });
  const { events, meta } = await askAndDrop(a, 2);
  // Instance A "dies": its writes stop while the model call hangs on.
  await a.chat.registry.close();
  (a.chat.registry as unknown as { write: () => Promise<void> }).write = async () => {};
  const rest = await readEvents(await resume(b, events.at(-1)!.id!, meta.visitorToken));
  const last = rest.at(-1)!;
  assert.equal(last.event, 'error');
  assert.equal((last.data as { code: string }).code, 'PARLEY_CHAT_STREAM_LOST');
});

test("a widget-made visitor secret owns the stream: resume and history work before and after the server's token", async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 10 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const secret = `v_${'ab12'.repeat(8)}`;
  const res = await widgetFetch(app, '/v1/chat', {
    body: { message: 'dental?' },
    headers: { 'X-Parley-Visitor': secret },
  });
  const events = await readEvents(
    res,
    (_e, all) => all.filter((x) => x.event === 'token').length === 2,
  );
  const meta = events[0]!.data as Meta;
  assert.match(meta.visitorToken, /^pv1\./, 'the server upgrades the secret to a signed token');
  // The widget's reconnect still carries the secret it started with.
  const rest = await readEvents(await resume(app, events.at(-1)!.id!, secret));
  assertWhole([...events, ...rest], meta.messageId);
  for (const token of [secret, meta.visitorToken]) {
    const history = await widgetFetch(app, `/v1/conversations/${meta.conversationId}/messages`, {
      headers: { 'X-Parley-Visitor': token },
    });
    assert.equal(history.status, 200);
  }
  const other = await widgetFetch(app, `/v1/conversations/${meta.conversationId}/messages`, {
    headers: { 'X-Parley-Visitor': `v_${'cd34'.repeat(8)}` },
  });
  assert.equal(other.status, 404);
});

test('a verified user resumes with the identity the reconnect re-sends', async (t) => {
  const fake = await startFakeLlmServer(t, { reply, chunkDelayMs: 10 });
  const app = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
    timings: fast,
  });
  const secret = app.tenants[0]!.identitySecret!;
  const identity = {
    userId: 'jane',
    userHash: createHmac('sha256', secret).update('jane').digest('hex'),
  };
  const res = await widgetFetch(app, '/v1/chat', { body: { message: 'dental?', identity } });
  const events = await readEvents(
    res,
    (_e, all) => all.filter((x) => x.event === 'token').length === 2,
  );
  const meta = events[0]!.data as Meta;
  const rest = await readEvents(
    await widgetFetch(app, '/v1/chat', {
      body: { message: 'dental?', identity },
      headers: { 'Last-Event-ID': events.at(-1)!.id! },
    }),
  );
  assertWhole([...events, ...rest], meta.messageId);
});
