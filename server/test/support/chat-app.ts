import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { createParser } from 'eventsource-parser';
import express, { type RequestHandler } from 'express';
import { Types } from 'mongoose';
import type { Database } from '../../src/db/connect';
import { ParleyError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { chatRouter } from '../../src/routes/chat';
import { conversationsRouter } from '../../src/routes/conversations';
import type { AdmissionCheck, Retriever } from '../../src/services/chat/chat-service';
import { type ChatModule, createChat } from '../../src/services/chat/create-chat';
import type { StreamTimings } from '../../src/services/chat/stream-registry';
import type { WidgetTenant } from '../../src/services/chat/tenant';
import { OpenAiResponder } from '../../src/services/llm/openai';
import type { Responder, RetrievedSource } from '../../src/services/llm/types';
import { type AccessServices, createAccessServices } from '../../src/services/tenants/access';
import { type ProvisionedTenant, provisionTenant } from '../../src/services/tenants/provision';
import { startTestDatabase } from './database';
import { type FakeLlmServer, startFakeLlmServer } from './fake-llm-server';
import { startApp } from './start-app';

/** A tenant as `requireWidgetKey` would attach it. */
export interface TestTenant extends WidgetTenant {
  _id: string;
  key: string;
}

/** Two tenants with their publishable keys and identity secrets. */
export function testTenants(): [TestTenant, TestTenant] {
  const make = (name: string): TestTenant => ({
    _id: new Types.ObjectId().toHexString(),
    key: `pk_test_${name}`,
    widget: { persona: `You are the ${name} helper.`, locale: 'en' },
    identitySecret: `identity-secret-of-${name}-0123456789abcdef`,
  });
  return [make('acme'), make('globex')];
}

/**
 * Resolves `X-Parley-Key` against fixed tenants the way `requireWidgetKey`
 * does (which needs the tenants area's stores); the chat routes only read
 * `req.widget.tenant`.
 */
function fixedWidgetAuth(tenants: TestTenant[]): RequestHandler {
  return (req, _res, next) => {
    const tenant = tenants.find((t) => t.key === req.get('x-parley-key'));
    if (!tenant) return next(new ParleyError('PARLEY_AUTH_KEY_INVALID'));
    (req as unknown as { widget: { tenant: TestTenant } }).widget = { tenant };
    next();
  };
}

/**
 * A small real retriever over fixed passages: ranks them by words shared
 * with the question and keeps those sharing at least one.
 */
export function fixedRetriever(sources: RetrievedSource[]): Retriever & { calls: number } {
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9$]{3,}/g) ?? []);
  return {
    calls: 0,
    async retrieve({ query, k }) {
      this.calls++;
      const q = words(query);
      return sources
        .map((s) => ({ s, hits: [...words(s.text)].filter((w) => q.has(w)).length }))
        .filter((r) => r.hits > 0)
        .sort((a, b) => b.hits - a.hits)
        .slice(0, k)
        .map((r) => r.s);
    },
  };
}

/** The benefits handbook passages most tests ask about. */
export const handbook: RetrievedSource[] = [
  {
    id: 'chunk-dental',
    documentId: 'doc-benefits',
    title: 'Benefits guide',
    url: 'https://intranet.example/benefits#dental',
    heading: 'Dental',
    text: 'The dental plan deductible is $50 per person per year. Cleanings are covered twice a year.',
    snippet: 'The dental plan deductible is $50 per person per year.',
    score: 0.91,
  },
  {
    id: 'chunk-pto',
    documentId: 'doc-leave',
    title: 'Leave policy',
    text: 'Full-time employees accrue 20 days of paid time off per year.',
    snippet: 'Full-time employees accrue 20 days of paid time off per year.',
    score: 0.8,
  },
];

/** Options of {@link startChatApp}. */
export interface ChatAppOptions {
  responder: Responder;
  /** Another instance of the same deployment: shares its database, tenants and secret. */
  peer?: ChatApp;
  retriever?: Retriever;
  tenants?: TestTenant[];
  timings?: Partial<StreamTimings>;
  admission?: AdmissionCheck[];
  heartbeatMs?: number;
  secret?: string;
}

/** One server instance running the chat routes over a real embedded store. */
export interface ChatApp {
  url: string;
  database: Database;
  chat: ChatModule;
  tenants: TestTenant[];
}

/** Starts the chat and conversation routes on a free port; everything stops when the test ends. */
export async function startChatApp(t: TestContext, options: ChatAppOptions): Promise<ChatApp> {
  const database = options.peer?.database ?? (await startTestDatabase(t));
  const tenants = options.peer?.tenants ?? options.tenants ?? testTenants();
  const chat = createChat({
    connection: database.connection,
    logger: createLogger('silent'),
    secret: options.secret ?? 'test-session-secret-0123456789abcdef',
    retriever: options.retriever ?? fixedRetriever(handbook),
    responder: options.responder,
    admission: options.admission,
    timings: options.timings,
  });
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  const widget = { chat, widgetAuth: fixedWidgetAuth(tenants), heartbeatMs: options.heartbeatMs };
  app.use(chatRouter(widget));
  app.use(conversationsRouter(widget));
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    // The database may already be gone; the pending writes do not matter then.
    await chat.close().catch(() => {});
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, database, chat, tenants };
}

/** The chat routes as `createApp` wires them, for one tenant provisioned for real. */
export interface WiredChatApp {
  url: string;
  database: Database;
  access: AccessServices;
  /** The fake model the app's responder streams from. */
  fake: FakeLlmServer;
  /** Tenant `acme`, provisioned with its keys and {@link origin} as its only allowed origin. */
  acme: ProvisionedTenant;
  origin: string;
  /** Calls a widget endpoint as acme's page would: its publishable key, from its origin. */
  widget(
    path: string,
    init?: { headers?: Record<string, string>; body?: unknown },
  ): Promise<Response>;
}

/**
 * Starts the whole app (real `requireWidgetKey`, origin check, CORS and
 * quota) over the handbook and the fake model, and provisions tenant `acme`.
 */
export async function startWiredChatApp(t: TestContext): Promise<WiredChatApp> {
  const database = await startTestDatabase(t);
  const fake = await startFakeLlmServer(t);
  const { url } = await startApp(t, {
    database,
    chat: {
      responder: new OpenAiResponder({ baseUrl: fake.openaiBaseUrl }),
      retriever: fixedRetriever(handbook),
    },
  });
  const access = createAccessServices({ connection: database.connection, publicUrl: url });
  const origin = 'https://intranet.acme.example';
  const acme = await provisionTenant(
    access,
    { name: 'Acme', slug: 'acme', allowedOrigins: [origin] },
    { type: 'system', id: null, label: 'test' },
  );
  const widget: WiredChatApp['widget'] = (path, init = {}) =>
    fetch(`${url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Parley-Key': acme.publishableKey,
        Origin: origin,
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return { url, database, access, fake, acme, origin, widget };
}

/** A parsed SSE event with its data decoded. */
export interface ChatEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/** Calls a widget endpoint of a test tenant. */
export function widgetFetch(
  app: ChatApp,
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    key?: string;
    signal?: AbortSignal;
  } = {},
): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'Content-Type': 'application/json',
      'X-Parley-Key': init.key ?? app.tenants[0]!.key,
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
    signal: init.signal,
  });
}

/**
 * Reads SSE events from a response until `stop` says enough (then drops
 * the connection, like a closed tab) or the stream ends.
 */
export async function readEvents(
  response: Response,
  stop: (event: ChatEvent, all: ChatEvent[]) => boolean = () => false,
): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  let done = false;
  const parser = createParser({
    onEvent: (e) => {
      if (done) return;
      const event = { id: e.id, event: e.event, data: JSON.parse(e.data) };
      events.push(event);
      if (stop(event, events)) done = true;
    },
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  while (!done) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  await reader.cancel().catch(() => {});
  return events;
}

/** The answer text of a list of events. */
export const tokensText = (events: ChatEvent[]) =>
  events
    .filter((e) => e.event === 'token')
    .map((e) => (e.data as { delta: string }).delta)
    .join('');

/** Waits until `check` returns a value (the store is written after the stream ends). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  tries = 200,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met');
}
