import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import { errorHandler, notFound } from '../../src/middleware/errors';

async function serve(t: import('node:test').TestContext): Promise<string> {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const address = server.address() as import('node:net').AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

const post = (url: string, body: string) =>
  fetch(`${url}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

test('a JSON body over the limit is a 413 with its own code, not a generic 400', async (t) => {
  const url = await serve(t);
  const res = await post(url, JSON.stringify({ name: 'x'.repeat(5000) }));
  assert.equal(res.status, 413);
  assert.deepEqual(await res.json(), {
    error: { code: 'PARLEY_REQUEST_TOO_LARGE', message: 'The request body is too large.' },
  });
});

test('malformed JSON stays a 400 bad request', async (t) => {
  const url = await serve(t);
  const res = await post(url, '{bad');
  assert.equal(res.status, 400);
  assert.equal(
    ((await res.json()) as { error: { code: string } }).error.code,
    'PARLEY_BAD_REQUEST',
  );
});
