import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { ingestDemoHandbook } from '../../../src/demo/handbook/ingest';
import { seedDemo } from '../../../src/demo/seed';
import { createLogger } from '../../../src/logger';
import type { KnowledgeBase } from '../../../src/services/knowledge/knowledge-base';
import { startTestDatabase } from '../../support/database';
import { readSse } from '../../support/sse';

test('createApp: the seeded demo handbook answers a benefits question over /v1/chat, cited', async (t) => {
  const database = await startTestDatabase(t);
  const config = loadConfig({
    PARLEY_LOG_LEVEL: 'silent',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:8787',
  });
  const demo = await seedDemo(database.connection, { publicUrl: config.publicUrl });
  const app = createApp({ config, logger: createLogger('silent'), readinessChecks: [], database });
  const knowledge = app.locals.knowledge as KnowledgeBase;
  const job = await ingestDemoHandbook(knowledge, demo.tenantId);
  assert.equal(job.failed, 0);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await knowledge.idle();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const response = await fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-parley-key': demo.publishableKey,
      origin: 'http://localhost:8787',
    },
    body: JSON.stringify({ message: 'Are braces covered for my son?' }),
  });
  assert.equal(response.status, 200);
  const events = await readSse(response);
  const sources = JSON.parse(events.find((e) => e.event === 'sources')!.data) as {
    title: string;
    snippet: string;
  }[];
  assert.equal(sources[0]!.title, 'Health coverage › Orthodontia');
  assert.match(sources[0]!.snippet, /Braces/);
  const answer = events
    .filter((e) => e.event === 'token')
    .map((e) => (JSON.parse(e.data) as { delta: string }).delta)
    .join('');
  assert.match(answer, /covered at 50% for children under 18, up to \$1,500.*\[1\]/);
  assert.equal(events.at(-1)!.event, 'done');
});
