import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type TestContext, test } from 'node:test';
import express from 'express';
import { Types } from 'mongoose';
import type { Database } from '../../src/db/connect';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { adminConversationsRouter } from '../../src/routes/admin-conversations';
import type { Role } from '../../src/services/auth/permissions';
import { OpenAiResponder } from '../../src/services/llm/openai';
import { type ChatApp, readEvents, startChatApp, widgetFetch } from '../support/chat-app';
import { startFakeLlmServer } from '../support/fake-llm-server';

type Meta = { conversationId: string; messageId: string; visitorToken: string };
type Page = {
  items: { id: string; title: string; feedback: { up: number; down: number } }[];
  nextCursor: string | null;
};

/**
 * The admin routes behind a stand-in for `authenticateAdmin` that signs the
 * caller in as `X-Test-Role` of `X-Test-Tenant` (sessions are the tenants
 * area's); `requireAdmin` and the permission table are the real ones.
 */
async function startAdmin(t: TestContext, database: Database): Promise<string> {
  const app = express();
  app.use((req, _res, next) => {
    const tenant = req.get('x-test-tenant');
    if (tenant) {
      req.admin = {
        tenantId: new Types.ObjectId(tenant),
        role: req.get('x-test-role') as Role,
        via: 'session',
        label: 'admin@example.com',
      };
    }
    next();
  });
  app.use(adminConversationsRouter(database.connection));
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function ask(chat: ChatApp, message: string, key?: string) {
  const events = await readEvents(await widgetFetch(chat, '/v1/chat', { body: { message }, key }));
  return events[0]!.data as Meta;
}

async function setup(t: TestContext) {
  const fake = await startFakeLlmServer(t);
  const chat = await startChatApp(t, {
    responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
  });
  const admin = await startAdmin(t, chat.database);
  const get = (path: string, tenant = chat.tenants[0]!._id, role = 'editor') =>
    fetch(`${admin}${path}`, { headers: { 'X-Test-Tenant': tenant, 'X-Test-Role': role } });
  return { chat, get, admin };
}

test('GET /api/conversations pages newest first and filters by feedback and title words', async (t) => {
  const { chat, get } = await setup(t);
  const asked: Meta[] = [];
  for (const q of [
    'dental deductible?',
    'vision plan?',
    'dental cleanings?',
    'parking?',
    'pto days?',
  ]) {
    asked.push(await ask(chat, q));
  }
  await ask(chat, 'globex secret?', chat.tenants[1]!.key);
  const rated = asked[1]!;
  await widgetFetch(chat, `/v1/messages/${rated.messageId}/feedback`, {
    body: { rating: 'down', comment: 'wrong' },
    headers: { 'X-Parley-Visitor': rated.visitorToken },
  });

  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    const page = (await res.json()) as Page;
    assert.ok(page.items.length <= 2);
    titles.push(...page.items.map((i) => i.title));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(titles, [
    'pto days?',
    'parking?',
    'dental cleanings?',
    'vision plan?',
    'dental deductible?',
  ]);

  const down = (await (await get('/api/conversations?feedback=down')).json()) as Page;
  assert.deepEqual(
    down.items.map((i) => [i.title, i.feedback]),
    [['vision plan?', { up: 0, down: 1 }]],
  );
  const dental = (await (await get('/api/conversations?q=DENTAL')).json()) as Page;
  assert.deepEqual(
    dental.items.map((i) => i.title),
    ['dental cleanings?', 'dental deductible?'],
  );
  const regexy = await get(`/api/conversations?q=${encodeURIComponent('.*(')}`);
  assert.equal(
    ((await regexy.json()) as Page).items.length,
    0,
    'title words are literal, not a pattern',
  );

  // Changing a rating moves the count instead of adding one.
  await widgetFetch(chat, `/v1/messages/${rated.messageId}/feedback`, {
    body: { rating: 'up' },
    headers: { 'X-Parley-Visitor': rated.visitorToken },
  });
  const up = (await (await get('/api/conversations?feedback=up')).json()) as Page;
  assert.deepEqual(up.items[0]!.feedback, { up: 1, down: 0 });
});

test('GET /api/conversations/:id returns the transcript with sources, feedback, usage and latency', async (t) => {
  const { chat, get } = await setup(t);
  const meta = await ask(chat, 'What is the dental deductible?');
  await widgetFetch(chat, `/v1/messages/${meta.messageId}/feedback`, {
    body: { rating: 'up' },
    headers: { 'X-Parley-Visitor': meta.visitorToken },
  });
  const res = await get(`/api/conversations/${meta.conversationId}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    conversation: { id: string; user: string | null; messageCount: number };
    messages: Record<string, unknown>[];
  };
  assert.equal(body.conversation.id, meta.conversationId);
  assert.equal(body.conversation.user, null, 'anonymous visitors stay anonymous');
  assert.equal(body.conversation.messageCount, 2);
  const [question, answer] = body.messages;
  assert.equal(question!.role, 'user');
  assert.equal(answer!.id, meta.messageId);
  assert.equal(answer!.responder, 'openai:gpt-4o-mini');
  assert.deepEqual(answer!.usage, { promptTokens: 42, completionTokens: 8, estimated: false });
  assert.equal((answer!.sources as { documentId: string }[])[0]!.documentId, 'doc-benefits');
  assert.equal((answer!.feedback as { rating: string }).rating, 'up');
  assert.equal(typeof (answer!.latency as { firstTokenMs: number }).firstTokenMs, 'number');
  assert.equal(answer!.tenantId, undefined);
});

test('transcripts are scoped to the caller tenant and need conversations:read', async (t) => {
  const { chat, get, admin } = await setup(t);
  const meta = await ask(chat, 'dental?');
  const foreign = await get(`/api/conversations/${meta.conversationId}`, chat.tenants[1]!._id);
  assert.equal(foreign.status, 404);
  const list = (await (await get('/api/conversations', chat.tenants[1]!._id)).json()) as Page;
  assert.equal(list.items.length, 0);
  const viewer = await get('/api/conversations', chat.tenants[0]!._id, 'viewer');
  assert.equal(viewer.status, 403);
  const anonymous = await fetch(`${admin}/api/conversations`);
  assert.equal(anonymous.status, 401);
  for (const bad of ['limit=0', 'limit=101', 'feedback=meh']) {
    assert.equal((await get(`/api/conversations?${bad}`)).status, 400, bad);
  }
  assert.equal((await get('/api/conversations/nope')).status, 404);
});
