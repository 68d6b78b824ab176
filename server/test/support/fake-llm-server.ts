import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

/**
 * How the fake model behaves for the next requests:
 * - `ok`: streams the reply and finishes normally;
 * - `mid-stream-error`: streams `errorAfter` chunks, then an in-band error event;
 * - `drop`: streams `errorAfter` chunks, then cuts the connection;
 * - `http-error`: answers `httpStatus` with a JSON error before any stream;
 * - `refusal`: streams the reply as a refusal (OpenAI `delta.refusal`, Anthropic `stop_reason: refusal`);
 * - `length`: streams the reply and finishes because of the token limit;
 * - `hang`: sends headers and nothing else until the client gives up.
 */
export type FakeLlmMode =
  | 'ok'
  | 'mid-stream-error'
  | 'drop'
  | 'http-error'
  | 'refusal'
  | 'length'
  | 'hang';

/** Behaviour of the fake server; every field can be changed between requests. */
export interface FakeLlmBehaviour {
  mode: FakeLlmMode;
  /** The answer text, split into word chunks. */
  reply: string;
  /** Delay before the first chunk, in ms. */
  firstTokenDelayMs: number;
  /** Delay between chunks, in ms. */
  chunkDelayMs: number;
  /** Chunks sent before `mid-stream-error` / `drop` strike. */
  errorAfter: number;
  httpStatus: number;
  promptTokens: number;
}

/** One request the fake server received. */
export interface FakeLlmRequest {
  api: 'openai' | 'anthropic';
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A running fake model server. */
export interface FakeLlmServer {
  /** Base URL for an OpenAI-compatible client (ends in `/v1`). */
  openaiBaseUrl: string;
  /** Base URL for an Anthropic client. */
  anthropicBaseUrl: string;
  behaviour: FakeLlmBehaviour;
  requests: FakeLlmRequest[];
  /** How many responses the client abandoned before they finished. */
  aborts: number;
  /** Resolves when the next (or an already recorded) abort happens. */
  waitForAbort(): Promise<void>;
}

const defaults: FakeLlmBehaviour = {
  mode: 'ok',
  reply: 'The dental deductible is $50 per person [1].',
  firstTokenDelayMs: 0,
  chunkDelayMs: 0,
  errorAfter: 2,
  httpStatus: 500,
  promptTokens: 42,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a local HTTP server speaking the OpenAI chat-completions and the
 * Anthropic Messages streaming formats, byte for byte as the real APIs
 * frame them, so providers are tested against the wire format itself.
 */
export async function startFakeLlmServer(
  t: TestContext,
  behaviour: Partial<FakeLlmBehaviour> = {},
): Promise<FakeLlmServer> {
  let abortWaiters: (() => void)[] = [];
  const state: FakeLlmServer = {
    openaiBaseUrl: '',
    anthropicBaseUrl: '',
    behaviour: { ...defaults, ...behaviour },
    requests: [],
    aborts: 0,
    waitForAbort() {
      if (state.aborts > 0) return Promise.resolve();
      return new Promise((resolve) => abortWaiters.push(resolve));
    },
  };

  const server = createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const chunk of req) raw.push(chunk as Buffer);
    const api = req.url === '/v1/messages' ? 'anthropic' : 'openai';
    if (req.method !== 'POST' || (api === 'openai' && req.url !== '/v1/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    state.requests.push({
      api,
      headers: req.headers,
      body: JSON.parse(Buffer.concat(raw).toString()),
    });
    res.on('close', () => {
      if (res.writableFinished) return;
      state.aborts++;
      for (const resolve of abortWaiters) resolve();
      abortWaiters = [];
    });
    await (api === 'openai' ? serveOpenAi : serveAnthropic)(res, { ...state.behaviour });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  state.openaiBaseUrl = `http://127.0.0.1:${port}/v1`;
  state.anthropicBaseUrl = `http://127.0.0.1:${port}`;
  return state;
}

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

function startStream(res: ServerResponse, b: FakeLlmBehaviour, error: object): boolean {
  if (b.mode === 'http-error') {
    res.writeHead(b.httpStatus, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(error));
    return false;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  return b.mode !== 'hang';
}

/** Streams chunks; returns false when the mode cut the stream short. */
async function streamChunks(
  res: ServerResponse,
  b: FakeLlmBehaviour,
  send: (piece: string) => void,
  fail: () => void,
): Promise<boolean> {
  await sleep(b.firstTokenDelayMs);
  for (const [i, piece] of words(b.reply).entries()) {
    if (res.destroyed) return false;
    if ((b.mode === 'mid-stream-error' || b.mode === 'drop') && i === b.errorAfter) {
      if (b.mode === 'drop') res.destroy();
      else {
        fail();
        res.end();
      }
      return false;
    }
    if (i > 0) await sleep(b.chunkDelayMs);
    send(piece);
  }
  return !res.destroyed;
}

async function serveOpenAi(res: ServerResponse, b: FakeLlmBehaviour): Promise<void> {
  const err = { error: { message: 'The fake model failed.', type: 'server_error', code: null } };
  if (!startStream(res, b, err)) return;
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake' };
  const data = (payload: object) =>
    res.write(`data: ${JSON.stringify({ ...base, ...payload })}\n\n`);
  data({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  const field = b.mode === 'refusal' ? 'refusal' : 'content';
  const ok = await streamChunks(
    res,
    b,
    (piece) => data({ choices: [{ index: 0, delta: { [field]: piece }, finish_reason: null }] }),
    () => res.write(`data: ${JSON.stringify(err)}\n\n`),
  );
  if (!ok) return;
  const finish = b.mode === 'length' ? 'length' : b.mode === 'refusal' ? 'content_filter' : 'stop';
  data({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
  const completion = words(b.reply).length;
  data({
    choices: [],
    usage: {
      prompt_tokens: b.promptTokens,
      completion_tokens: completion,
      total_tokens: b.promptTokens + completion,
    },
  });
  res.end('data: [DONE]\n\n');
}

async function serveAnthropic(res: ServerResponse, b: FakeLlmBehaviour): Promise<void> {
  const err = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
  if (!startStream(res, b, err)) return;
  const event = (type: string, payload: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`);
  event('message_start', {
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'fake',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: b.promptTokens, output_tokens: 1 },
    },
  });
  event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  event('ping', {});
  const ok = await streamChunks(
    res,
    b,
    (text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    () => res.write(`event: error\ndata: ${JSON.stringify(err)}\n\n`),
  );
  if (!ok) return;
  event('content_block_stop', { index: 0 });
  const stop = b.mode === 'length' ? 'max_tokens' : b.mode === 'refusal' ? 'refusal' : 'end_turn';
  event('message_delta', {
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: words(b.reply).length },
  });
  event('message_stop', {});
  res.end();
}
