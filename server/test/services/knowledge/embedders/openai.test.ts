import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type TestContext, test } from 'node:test';
import { ParleyError } from '../../../../src/errors';
import { createEmbeddings } from '../../../../src/services/knowledge/embedders/index';
import { LocalHashEmbeddings } from '../../../../src/services/knowledge/embedders/local';
import { OpenAICompatibleEmbeddings } from '../../../../src/services/knowledge/embedders/openai';

type Handler = (
  body: { model: string; input: string[] },
  req: IncomingMessage,
  res: ServerResponse,
) => void;

/** A local server speaking OpenAI's POST /v1/embeddings. */
async function embeddingsServer(t: TestContext, handler: Handler) {
  const requests: { body: { model: string; input: string[] }; auth?: string; path?: string }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      requests.push({ body, auth: req.headers.authorization, path: req.url });
      handler(body, req, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
}

const vectorFor = (text: string) => [text.length, 1, 0.5];
const ok: Handler = (body, _req, res) => {
  res.setHeader('content-type', 'application/json');
  // Out of order on purpose: clients must sort by index.
  const data = body.input
    .map((text, index) => ({ object: 'embedding', index, embedding: vectorFor(text) }))
    .reverse();
  res.end(JSON.stringify({ object: 'list', data, model: body.model }));
};

async function failsWith(promise: Promise<unknown>, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError);
    assert.equal(error.code, 'PARLEY_EMBEDDINGS_FAILED');
    assert.match(error.message, pattern);
    return true;
  });
}

test('embeds in batches with the model and key, keeping input order', async (t) => {
  const server = await embeddingsServer(t, ok);
  const embeddings = new OpenAICompatibleEmbeddings({
    url: server.url,
    apiKey: 'sk-test',
    model: 'nomic-embed-text',
    batchSize: 2,
  });
  const vectors = await embeddings.embedDocuments(['a', 'bb', 'ccc']);
  assert.deepEqual(vectors, [vectorFor('a'), vectorFor('bb'), vectorFor('ccc')]);
  assert.deepEqual(await embeddings.embedQuery('dddd'), vectorFor('dddd'));
  assert.equal(server.requests.length, 3);
  assert.deepEqual(server.requests[0]!.body, { model: 'nomic-embed-text', input: ['a', 'bb'] });
  assert.equal(server.requests[0]!.auth, 'Bearer sk-test');
  assert.equal(server.requests[0]!.path, '/v1/embeddings');
  assert.equal(embeddings.name, 'openai-compatible:nomic-embed-text');
  assert.equal(await embeddings.resolveDimensions(), 3);
});

test('an unknown model is probed once for its dimension; known models are not', async (t) => {
  const server = await embeddingsServer(t, ok);
  const unknown = new OpenAICompatibleEmbeddings({
    url: `${server.url}/embeddings`,
    model: 'custom',
  });
  assert.equal(await unknown.resolveDimensions(), 3);
  assert.equal(await unknown.resolveDimensions(), 3);
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0]!.auth, undefined, 'no key, no Authorization header');
  const known = new OpenAICompatibleEmbeddings({
    url: server.url,
    model: 'text-embedding-3-small',
  });
  assert.equal(await known.resolveDimensions(), 1536);
  assert.equal(server.requests.length, 1);
});

test('retries 429 and 5xx, but not other client errors', async (t) => {
  let calls = 0;
  const flaky = await embeddingsServer(t, (body, req, res) => {
    calls += 1;
    if (calls < 3) {
      res.statusCode = calls === 1 ? 429 : 503;
      res.end('{}');
    } else ok(body, req, res);
  });
  const embeddings = new OpenAICompatibleEmbeddings({ url: flaky.url, model: 'm', retries: 2 });
  assert.deepEqual(await embeddings.embedQuery('x'), vectorFor('x'));
  assert.equal(calls, 3);

  const unauthorized = await embeddingsServer(t, (_body, _req, res) => {
    res.statusCode = 401;
    res.end('{"error":{"message":"bad key sk-secret"}}');
  });
  const bad = new OpenAICompatibleEmbeddings({
    url: unauthorized.url,
    model: 'm',
    apiKey: 'sk-secret',
  });
  await failsWith(bad.embedQuery('x'), /HTTP 401/);
  assert.equal(unauthorized.requests.length, 1);
});

test('malformed answers are refused, never half-used', async (t) => {
  const cases: [unknown, RegExp][] = [
    [{ nope: true }, /malformed/],
    [{ data: [{ index: 0, embedding: [1, 2] }] }, /1 vectors for 2 inputs/],
    [
      {
        data: [
          { index: 0, embedding: [1, 2] },
          { index: 1, embedding: [1] },
        ],
      },
      /inconsistent length/,
    ],
  ];
  for (const [answer, pattern] of cases) {
    const server = await embeddingsServer(t, (_body, _req, res) => res.end(JSON.stringify(answer)));
    await failsWith(
      new OpenAICompatibleEmbeddings({ url: server.url, model: 'm' }).embedDocuments(['a', 'b']),
      pattern,
    );
  }
  const unreachable = new OpenAICompatibleEmbeddings({
    url: 'http://127.0.0.1:9/v1',
    model: 'm',
    retries: 0,
  });
  await failsWith(unreachable.embedQuery('x'), /unreachable/);
});

test('configuration picks the remote embedder only when an endpoint or key is set', () => {
  const none = {
    embeddingsUrl: undefined,
    embeddingsModel: undefined,
    openai: { apiKey: undefined, baseUrl: undefined },
  };
  assert.ok(createEmbeddings(none) instanceof LocalHashEmbeddings);
  const ollama = createEmbeddings({
    ...none,
    embeddingsUrl: 'http://localhost:11434/v1',
    embeddingsModel: 'nomic-embed-text',
  });
  assert.equal(ollama.name, 'openai-compatible:nomic-embed-text');
  const openai = createEmbeddings({ ...none, openai: { apiKey: 'sk-x', baseUrl: undefined } });
  assert.equal(openai.name, 'openai-compatible:text-embedding-3-small');
});
