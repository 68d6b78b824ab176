import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Types } from 'mongoose';
import { tenantScope } from '../../src/db/tenant-scope';
import { conversationModel } from '../../src/models/conversation';
import { OpenAiResponder } from '../../src/services/llm/openai';
import {
  type ChatApp,
  readEvents,
  startChatApp,
  startWiredChatApp,
  widgetFetch,
} from '../support/chat-app';
import { startFakeLlmServer } from '../support/fake-llm-server';
import { identityJwt } from '../support/identity-jwt';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Meta = { conversationId: string; messageId: string; visitorToken?: string };
type Listing = {
  conversations: { id: string; title: string; messageCount: number; lastMessageAt: string }[];
};

async function app(t: Parameters<typeof startChatApp>[0]): Promise<ChatApp> {
  const fake = await startFakeLlmServer(t);
  return startChatApp(t, { responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }) });
}

async function ask(a: ChatApp, body: object, headers: Record<string, string> = {}, key?: string) {
  const events = await readEvents(await widgetFetch(a, '/v1/chat', { body, headers, key }));
  assert.equal(events.at(-1)?.event, 'done');
  return events[0]!.data as Meta;
}

async function list(
  a: ChatApp,
  headers: Record<string, string>,
  query = '',
  key?: string,
): Promise<Listing['conversations']> {
  const res = await widgetFetch(a, `/v1/conversations${query}`, { headers, key });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as Listing).conversations;
}

/** A visitor secret as the widget makes one before the server issued a token. */
const deviceSecret = () => `v_${randomBytes(16).toString('hex')}`;

test('GET /v1/conversations: a verified user finds the conversations of every device, newest first', async (t) => {
  const a = await app(t);
  const [acme, globex] = a.tenants;
  const identity = async () => ({
    token: await identityJwt(acme!.identitySecret!, 'emma@acme.example'),
  });

  // Laptop: signed in from the start.
  const laptop = await ask(a, {
    message: 'What is the dental deductible?',
    identity: await identity(),
  });
  // Phone: an anonymous question first (the visitor's own), then signed in with the same sub.
  const phone = deviceSecret();
  const anonymous = await ask(a, { message: 'pto?' }, { 'X-Parley-Visitor': phone });
  const onPhone = await ask(
    a,
    { message: 'How many days of paid time off?', identity: await identity() },
    { 'X-Parley-Visitor': phone },
  );
  // Back on the laptop, the first conversation continues: it becomes the newest.
  await ask(a, {
    conversationId: laptop.conversationId,
    message: 'And cleanings?',
    identity: await identity(),
  });

  // A third device with nothing but the identity sees both, the continued one first.
  const mine = await list(a, { 'X-Parley-Identity': (await identity()).token });
  assert.deepEqual(
    mine.map((c) => [c.id, c.title, c.messageCount]),
    [
      [laptop.conversationId, 'What is the dental deductible?', 4],
      [onPhone.conversationId, 'How many days of paid time off?', 2],
    ],
  );
  assert.ok(Date.parse(mine[0]!.lastMessageAt) >= Date.parse(mine[1]!.lastMessageAt));
  assert.deepEqual(Object.keys(mine[0]!).sort(), ['id', 'lastMessageAt', 'messageCount', 'title']);

  // The owner token issued to the signed-in phone is bound to the user, not the device.
  assert.deepEqual(await list(a, { 'X-Parley-Visitor': onPhone.visitorToken! }), mine);
  // The phone's anonymous secret still names only the phone's visitor.
  assert.deepEqual(
    (await list(a, { 'X-Parley-Visitor': phone })).map((c) => c.id),
    [anonymous.conversationId],
  );
  // A colleague, and the same sub at another tenant (its own key and secret), see nothing of hers.
  const colleague = await identityJwt(acme!.identitySecret!, 'tom@acme.example');
  assert.deepEqual(await list(a, { 'X-Parley-Identity': colleague }), []);
  const sameSubElsewhere = await identityJwt(globex!.identitySecret!, 'emma@acme.example');
  assert.deepEqual(await list(a, { 'X-Parley-Identity': sameSubElsewhere }, '', globex!.key), []);
  // Her acme identity or token presented with globex's key is refused, not answered.
  const crossIdentity = await widgetFetch(a, '/v1/conversations', {
    key: globex!.key,
    headers: { 'X-Parley-Identity': (await identity()).token },
  });
  assert.equal(crossIdentity.status, 401);
  assert.equal(((await crossIdentity.json()) as ErrorJson).error.code, 'PARLEY_IDENTITY_INVALID');
  const crossToken = await widgetFetch(a, '/v1/conversations', {
    key: globex!.key,
    headers: { 'X-Parley-Visitor': onPhone.visitorToken! },
  });
  assert.equal(crossToken.status, 401);
  assert.equal(
    ((await crossToken.json()) as ErrorJson).error.code,
    'PARLEY_VISITOR_TOKEN_REQUIRED',
  );
});

test('a visitor lists only their own conversations', async (t) => {
  const a = await app(t);
  const globex = a.tenants[1]!;
  const first = await ask(a, { message: 'dental?' });
  const headers = { 'X-Parley-Visitor': first.visitorToken! };
  const second = await ask(a, { message: 'pto?' }, headers);
  const stranger = await ask(a, { message: 'dental deductible?' });

  assert.deepEqual(
    (await list(a, headers)).map((c) => c.id),
    [second.conversationId, first.conversationId],
  );
  assert.deepEqual(
    (await list(a, { 'X-Parley-Visitor': stranger.visitorToken! })).map((c) => c.id),
    [stranger.conversationId],
  );
  // A fresh visitor has no conversations yet: an empty list, not an error.
  assert.deepEqual(await list(a, { 'X-Parley-Visitor': deviceSecret() }), []);

  // The same widget secret on another tenant names another visitor.
  const secret = deviceSecret();
  await ask(a, { message: 'dental?' }, { 'X-Parley-Visitor': secret });
  assert.equal((await list(a, { 'X-Parley-Visitor': secret })).length, 1);
  assert.deepEqual(await list(a, { 'X-Parley-Visitor': secret }, '', globex.key), []);
});

test('GET /v1/conversations?limit: 1 to 20, default 10; newest first, ties by newest id', async (t) => {
  const a = await app(t);
  const acme = a.tenants[0]!;
  const owner = { kind: 'visitor' as const, id: 'visitor-with-many' };
  const headers = { 'X-Parley-Visitor': a.chat.tokens.issue(acme._id, owner) };
  // 25 conversations, the newest at i = 24; i = 23 and 24 share a timestamp (the later id wins).
  const base = Date.parse('2025-01-01T00:00:00Z');
  const ids = Array.from({ length: 25 }, () => new Types.ObjectId());
  await tenantScope(conversationModel(a.database.connection), acme._id).insertMany(
    ids.map((_id, i) => ({
      _id,
      visitorId: owner.id,
      title: `question ${i}`,
      messageCount: 2,
      lastMessageAt: new Date(base + Math.min(i, 23) * 60_000),
    })),
  );
  const newestFirst = ids.map(String).reverse();
  // The query is {tenantId, visitorId} sorted by {lastMessageAt: -1, _id: -1}: an index serves it.
  const model = conversationModel(a.database.connection);
  await model.init();
  const visitorIndex = (await model.collection.indexes()).find(
    (i) => JSON.stringify(i.key) === '{"tenantId":1,"visitorId":1,"lastMessageAt":-1,"_id":-1}',
  );
  assert.deepEqual(visitorIndex?.partialFilterExpression, { visitorId: { $exists: true } });

  assert.deepEqual(
    (await list(a, headers)).map((c) => c.id),
    newestFirst.slice(0, 10),
  );
  assert.deepEqual(
    (await list(a, headers, '?limit=3')).map((c) => c.id),
    newestFirst.slice(0, 3),
  );
  assert.equal((await list(a, headers, '?limit=1')).length, 1);
  assert.deepEqual(
    (await list(a, headers, '?limit=20')).map((c) => c.id),
    newestFirst.slice(0, 20),
  );
  const [top] = await list(a, headers, '?limit=1');
  assert.deepEqual(top, {
    id: newestFirst[0],
    title: 'question 24',
    messageCount: 2,
    lastMessageAt: new Date(base + 23 * 60_000).toISOString(),
  });

  for (const bad of ['0', '21', '-1', '5.5', '1e1', 'ten', '', ' 5', '5&limit=6']) {
    const res = await widgetFetch(a, `/v1/conversations?limit=${bad}`, { headers });
    assert.equal(res.status, 400, `limit=${bad}`);
    const { error } = (await res.json()) as ErrorJson;
    assert.equal(error.code, 'PARLEY_VALIDATION_FAILED');
    assert.match(error.message, /^Invalid limit: /, `limit=${bad}`);
    assert.deepEqual(
      (error.details as { issues: { path: string }[] }).issues.map((i) => i.path),
      ['limit'],
    );
  }
});

test('GET /v1/conversations needs the owner token or a verified identity', async (t) => {
  const a = await app(t);
  const meta = await ask(a, { message: 'dental?' });
  const none = await widgetFetch(a, '/v1/conversations');
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as ErrorJson).error.code, 'PARLEY_VISITOR_TOKEN_REQUIRED');
  const tampered = meta.visitorToken!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  const forged = await widgetFetch(a, '/v1/conversations', {
    headers: { 'X-Parley-Visitor': tampered },
  });
  assert.equal(forged.status, 401);
  assert.equal(((await forged.json()) as ErrorJson).error.code, 'PARLEY_VISITOR_TOKEN_REQUIRED');
  const secret = a.tenants[0]!.identitySecret!;
  for (const bad of [
    await identityJwt(secret, 'emma', '-1h'),
    await identityJwt('not-the-tenant-secret-0123456789abcdef', 'emma'),
  ]) {
    const res = await widgetFetch(a, '/v1/conversations', {
      headers: { 'X-Parley-Identity': bad },
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as ErrorJson).error.code, 'PARLEY_IDENTITY_INVALID');
  }
  // The list and the transcript routes do not shadow each other.
  const headers = { 'X-Parley-Visitor': meta.visitorToken! };
  const history = await widgetFetch(a, `/v1/conversations/${meta.conversationId}/messages`, {
    headers,
  });
  assert.equal(history.status, 200);
  assert.equal(
    ((await history.json()) as { conversationId: string }).conversationId,
    meta.conversationId,
  );
  assert.equal(
    (await widgetFetch(a, `/v1/conversations/${meta.conversationId}`, { headers })).status,
    404,
  );
});

/** As `createApp` wires it: real key and origin check, CORS preflight, the tenant's own secret. */
test('createApp: GET /v1/conversations behind requireWidgetKey, preflight allowing X-Parley-Identity', async (t) => {
  const { url, acme, origin, widget } = await startWiredChatApp(t);
  const token = await identityJwt(acme.tenant.identitySecret, 'emma@acme.example');

  const preflight = await fetch(`${url}/v1/conversations?limit=1`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'x-parley-key, x-parley-identity, x-parley-visitor',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
  assert.equal(
    preflight.headers.get('access-control-allow-headers'),
    'x-parley-key, x-parley-identity, x-parley-visitor',
  );
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);

  const asked = await readEvents(
    await widget('/v1/chat', { body: { message: 'dental?', identity: { token } } }),
  );
  const meta = asked[0]!.data as Meta;
  const res = await widget('/v1/conversations?limit=1', {
    headers: { 'X-Parley-Identity': token },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), origin);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(
    ((await res.json()) as Listing).conversations.map((c) => [c.id, c.messageCount]),
    [[meta.conversationId, 2]],
  );
  const elsewhere = await widget('/v1/conversations', {
    headers: { 'X-Parley-Identity': token, Origin: 'https://evil.example' },
  });
  assert.equal(elsewhere.status, 403);
});
