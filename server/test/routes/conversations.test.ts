import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { conversationModel } from '../../src/models/conversation';
import { OpenAiResponder } from '../../src/services/llm/openai';
import { type ChatApp, readEvents, startChatApp, widgetFetch } from '../support/chat-app';
import { startFakeLlmServer } from '../support/fake-llm-server';
import { identityJwt } from '../support/identity-jwt';

type ErrorJson = { error: { code: string; message: string } };
type Meta = { conversationId: string; messageId: string; visitorToken?: string };
type History = {
  conversationId: string;
  messages: {
    id: string;
    role: string;
    content: string;
    status: string;
    sources?: { id: string; title: string }[];
    feedback?: { rating: string; comment?: string };
  }[];
};

async function app(t: Parameters<typeof startChatApp>[0]): Promise<ChatApp> {
  const fake = await startFakeLlmServer(t);
  return startChatApp(t, { responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }) });
}

async function ask(a: ChatApp, body: object, headers: Record<string, string> = {}) {
  const events = await readEvents(await widgetFetch(a, '/v1/chat', { body, headers }));
  return events[0]!.data as Meta;
}

test('GET /v1/conversations/:id/messages returns the owner their transcript with sources', async (t) => {
  const a = await app(t);
  const meta = await ask(a, { message: 'What is the dental deductible?' });
  const res = await widgetFetch(a, `/v1/conversations/${meta.conversationId}/messages`, {
    headers: { 'X-Parley-Visitor': meta.visitorToken! },
  });
  assert.equal(res.status, 200);
  const history = (await res.json()) as History;
  assert.equal(history.conversationId, meta.conversationId);
  assert.deepEqual(
    history.messages.map((m) => [m.role, m.status]),
    [
      ['user', 'complete'],
      ['assistant', 'complete'],
    ],
  );
  assert.equal(history.messages[1]!.id, meta.messageId);
  assert.equal(history.messages[1]!.sources?.[0]?.id, 'chunk-dental');
  assert.equal(history.messages[0]!.sources, undefined);
});

test('history is refused without the owner token and hidden from other visitors and tenants', async (t) => {
  const a = await app(t);
  const meta = await ask(a, { message: 'dental?' });
  const other = await ask(a, { message: 'pto?' });
  const path = `/v1/conversations/${meta.conversationId}/messages`;
  const none = await widgetFetch(a, path);
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as ErrorJson).error.code, 'PARLEY_VISITOR_TOKEN_REQUIRED');
  const stranger = await widgetFetch(a, path, {
    headers: { 'X-Parley-Visitor': other.visitorToken! },
  });
  assert.equal(stranger.status, 404);
  assert.equal(((await stranger.json()) as ErrorJson).error.code, 'PARLEY_CONVERSATION_NOT_FOUND');
  const tampered = meta.visitorToken!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  assert.equal(
    (await widgetFetch(a, path, { headers: { 'X-Parley-Visitor': tampered } })).status,
    401,
  );
  const foreign = await widgetFetch(a, path, {
    key: a.tenants[1]!.key,
    headers: { 'X-Parley-Visitor': meta.visitorToken! },
  });
  assert.equal(foreign.status, 401);
  const malformed = await widgetFetch(a, '/v1/conversations/nope/messages', {
    headers: { 'X-Parley-Visitor': meta.visitorToken! },
  });
  assert.equal(malformed.status, 404);
});

test('a verified JWT identity owns its conversations on any device; a bad one is refused', async (t) => {
  const a = await app(t);
  const secret = a.tenants[0]!.identitySecret!;
  const token = await identityJwt(secret, 'employee-42');
  const meta = await ask(a, { message: 'dental?', identity: { token } });
  const stored = await conversationModel(a.database.connection)
    .findById(meta.conversationId)
    .lean();
  assert.equal(stored?.userId, 'employee-42');
  assert.equal(stored?.visitorId, undefined);
  assert.ok(meta.visitorToken, 'a token bound to the user is issued');

  const path = `/v1/conversations/${meta.conversationId}/messages`;
  const viaToken = await widgetFetch(a, path, {
    headers: { 'X-Parley-Visitor': meta.visitorToken! },
  });
  assert.equal(viaToken.status, 200);
  const otherDevice = await widgetFetch(a, path, {
    headers: { 'X-Parley-Identity': await identityJwt(secret, 'employee-42') },
  });
  assert.equal(otherDevice.status, 200);
  const colleague = await widgetFetch(a, path, {
    headers: { 'X-Parley-Identity': await identityJwt(secret, 'employee-7') },
  });
  assert.equal(colleague.status, 404);

  for (const bad of [
    await identityJwt('not-the-tenant-secret-0123456789abcdef', 'employee-42'),
    await identityJwt(secret, 'employee-42', '-1h'),
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJlbXBsb3llZS00MiJ9.',
  ]) {
    const res = await widgetFetch(a, '/v1/chat', {
      body: { message: 'hi', identity: { token: bad } },
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as ErrorJson).error.code, 'PARLEY_IDENTITY_INVALID');
  }
});

test('an HMAC userHash identity is verified against the tenant secret', async (t) => {
  const a = await app(t);
  const secret = a.tenants[0]!.identitySecret!;
  const userHash = createHmac('sha256', secret).update('jane@example.com').digest('hex');
  const meta = await ask(a, {
    message: 'dental?',
    identity: { userId: 'jane@example.com', userHash },
  });
  const stored = await conversationModel(a.database.connection)
    .findById(meta.conversationId)
    .lean();
  assert.equal(stored?.userId, 'jane@example.com');
  const forged = await widgetFetch(a, '/v1/chat', {
    body: { message: 'hi', identity: { userId: 'boss@example.com', userHash } },
  });
  assert.equal(forged.status, 401);
});

test('POST /v1/messages/:id/feedback records the rating on the answer, for its owner only', async (t) => {
  const a = await app(t);
  const meta = await ask(a, { message: 'dental?' });
  const other = await ask(a, { message: 'pto?' });
  const path = `/v1/messages/${meta.messageId}/feedback`;
  const headers = { 'X-Parley-Visitor': meta.visitorToken! };
  const ok = await widgetFetch(a, path, {
    body: { rating: 'down', comment: '  Outdated  ' },
    headers,
  });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), {
    messageId: meta.messageId,
    feedback: { rating: 'down', comment: 'Outdated' },
  });
  const history = (await (
    await widgetFetch(a, `/v1/conversations/${meta.conversationId}/messages`, { headers })
  ).json()) as History;
  assert.deepEqual(history.messages[1]!.feedback, { rating: 'down', comment: 'Outdated' });

  const bad: [object, Record<string, string>, number][] = [
    [{ rating: 'meh' }, headers, 400],
    [{ rating: 'up', comment: 'x'.repeat(1001) }, headers, 400],
    [{ rating: 'up', extra: 1 }, headers, 400],
    [{ rating: 'up' }, {}, 401],
    [{ rating: 'up' }, { 'X-Parley-Visitor': other.visitorToken! }, 404],
  ];
  for (const [body, h, status] of bad) {
    assert.equal(
      (await widgetFetch(a, path, { body, headers: h })).status,
      status,
      JSON.stringify(body),
    );
  }
  const questionId = history.messages[0]!.id;
  const onQuestion = await widgetFetch(a, `/v1/messages/${questionId}/feedback`, {
    body: { rating: 'up' },
    headers,
  });
  assert.equal(onQuestion.status, 404, 'only answers can be rated');
});
