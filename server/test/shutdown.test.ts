import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import type { Types } from 'mongoose';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectDatabase, type Database } from '../src/db/connect';
import { tenantScope } from '../src/db/tenant-scope';
import { createLogger } from '../src/logger';
import { conversationModel } from '../src/models/conversation';
import { messageModel } from '../src/models/message';
import { streamBufferModel } from '../src/models/stream-buffer';
import type { Responder } from '../src/services/llm/types';
import { createAccessServices } from '../src/services/tenants/access';
import { provisionTenant } from '../src/services/tenants/provision';
import { stopServer } from '../src/shutdown';
import { type ChatEvent, fixedRetriever, handbook, readEvents } from './support/chat-app';

const origin = 'https://intranet.acme.example';

/** Answers at once: "The deductible is $50." */
const quickResponder: Responder = {
  name: 'quick',
  async *stream() {
    yield { type: 'text', delta: 'The deductible ' };
    yield { type: 'text', delta: 'is $50.' };
  },
};

/** Says "Let me check" and then waits for its abort signal, like a slow model. */
const hangingResponder: Responder = {
  name: 'hanging',
  async *stream({ signal }) {
    yield { type: 'text', delta: 'Let me check' };
    await new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  },
};

/**
 * The whole app on the embedded store in its own data directory, as
 * `main.ts` runs it, with tenant acme provisioned. The test stops it with
 * `stopServer` and reopens the directory to see what reached the disk.
 */
async function startServer(t: TestContext, responder: Responder) {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-shutdown-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', PORT: '0', PARLEY_DATA_DIR: dataDir });
  const database = await connectDatabase(config);
  const app = createApp({
    config,
    logger: createLogger('silent'),
    readinessChecks: [],
    database,
    chat: {
      responder,
      retriever: fixedRetriever(handbook),
      // Stream buffers are written a minute late: only the shutdown can write them in time.
      timings: { flushMs: 60_000 },
    },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const access = createAccessServices({ connection: database.connection, publicUrl: url });
  const acme = await provisionTenant(
    access,
    { name: 'Acme', slug: 'acme', allowedOrigins: [origin] },
    { type: 'system', id: null, label: 'test' },
  );
  const ask = (message: string, signal?: AbortSignal) =>
    fetch(`${url}/v1/chat`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Parley-Key': acme.publishableKey,
        Origin: origin,
      },
      body: JSON.stringify({ message }),
      signal,
    });
  return { dataDir, config, server, app, database, tenantId: acme.tenant._id, ask };
}

/** Opens a stopped server's data directory again; closed when the test ends. */
async function reopen(t: TestContext, dataDir: string): Promise<Database> {
  const database = await connectDatabase({ mongodbUri: undefined, dataDir });
  t.after(() => database.close());
  return database;
}

const metaOf = (events: ChatEvent[]) =>
  events.find((e) => e.event === 'meta')!.data as { conversationId: string; messageId: string };

async function storedTurn(database: Database, tenantId: Types.ObjectId, messageId: string) {
  const messages = await tenantScope(messageModel(database.connection), tenantId)
    .find({}, null, { sort: { _id: 1 } })
    .lean();
  const answer = messages.find((m) => String(m._id) === messageId);
  const question = messages.find(
    (m) => m.role === 'user' && String(m.conversationId) === String(answer?.conversationId),
  );
  return { question, answer };
}

describe('stopServer (the shutdown main.ts runs on SIGTERM/SIGINT)', () => {
  test('writes the resume buffer of an answer that just ended before closing the database', async (t) => {
    const running = await startServer(t, quickResponder);
    const events = await readEvents(await running.ask('What is the dental deductible?'));
    assert.equal(events.at(-1)!.event, 'done');
    const { messageId, conversationId } = metaOf(events);

    await stopServer(running, { graceMs: 1000 });

    const database = await reopen(t, running.dataDir);
    const { question, answer } = await storedTurn(database, running.tenantId, messageId);
    assert.equal(question?.content, 'What is the dental deductible?');
    assert.equal(answer?.status, 'complete');
    assert.equal(answer?.content, 'The deductible is $50.');
    const conversation = await tenantScope(conversationModel(database.connection), running.tenantId)
      .findById(conversationId)
      .lean();
    assert.equal(conversation?.messageCount, 2);
    // Its buffer was still waiting for the next tick: a resume on another instance needs it.
    const buffer = await tenantScope(streamBufferModel(database.connection), running.tenantId)
      .findById(messageId)
      .lean();
    assert.ok(buffer, 'the stream buffer reached the disk');
    assert.equal(buffer.ended, true);
    const stored = buffer.chunks.flatMap((chunk) => JSON.parse(chunk) as { event: string }[]);
    assert.deepEqual(
      stored.map((e) => e.event),
      events.map((e) => e.event),
    );
  });

  test('ends answers still running, read or abandoned, and stores them before closing the database', async (t) => {
    const running = await startServer(t, hangingResponder);
    // One reader still attached when the shutdown starts; it is cut after the grace period.
    const read = await running.ask('What is the dental deductible?');
    let sawToken!: () => void;
    const tokenSeen = new Promise<void>((resolve) => {
      sawToken = resolve;
    });
    let readEventsSeen: ChatEvent[] = [];
    const reading = readEvents(read, (e, all) => {
      readEventsSeen = all;
      if (e.event === 'token') sawToken();
      return false;
    }).catch(() => {}); // cut with its connection by the shutdown: how it ended is in the store
    await tokenSeen;
    // One whose tab closed after the first token: nobody waits on it, its run goes on.
    const gone = new AbortController();
    const left = await running.ask('How many days of paid time off?', gone.signal);
    const leftEvents = await readEvents(left, (e) => e.event === 'token');
    gone.abort();

    await stopServer(running, { graceMs: 200 });
    await reading;

    const database = await reopen(t, running.dataDir);
    for (const [events, text] of [
      [readEventsSeen, 'What is the dental deductible?'],
      [leftEvents, 'How many days of paid time off?'],
    ] as const) {
      const { question, answer } = await storedTurn(
        database,
        running.tenantId,
        metaOf(events).messageId,
      );
      assert.equal(question?.content, text);
      assert.equal(answer?.status, 'aborted', `${text}: the answer is stored as cut short`);
      assert.equal(answer?.content, 'Let me check');
      assert.equal(answer?.finishReason, 'aborted');
    }
  });
});
