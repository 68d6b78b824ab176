// Parley's chat routes for benchmarks, in their own process: the embedded
// store in a fresh data directory, the real chat pipeline (conversations,
// messages, resumable stream buffers) and a local provider. Prints {"url"}
// on stdout when listening.
//   BENCH_TOKENS / BENCH_INTERVAL_MS  the provider's answer length and pace
//   BENCH_CHUNKS                      chunks to seed in the tenant (retrieval over them)
//   BENCH_DATA_DIR                    reuse this store directory (kept after the run)
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { connectMongo } from '../../server/src/db/connect';
import { startEmbeddedMongo } from '../../server/src/db/embedded/index';
import { createLogger } from '../../server/src/logger';
import { errorHandler, notFound } from '../../server/src/middleware/errors';
import { chatRouter } from '../../server/src/routes/chat';
import { conversationsRouter } from '../../server/src/routes/conversations';
import { createChat } from '../../server/src/services/chat/create-chat';
import { benchRetriever, benchTenant } from './bench-tenant';
import { TickingResponder } from './ticking-responder';

const tokens = Number(process.env.BENCH_TOKENS ?? 100);
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 50);
const chunks = Number(process.env.BENCH_CHUNKS ?? 0);

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// BENCH_DATA_DIR keeps the seeded store between runs (seeding 10,000 chunks takes minutes).
const keep = process.env.BENCH_DATA_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'parley-bench-chat-'));
const store = await startEmbeddedMongo({ dir });
const database = await connectMongo(`${store.uri}parley_bench`);
const { retriever, chunks: seeded } = await benchRetriever(database.connection, chunks);
const firstTokenMs: number[] = [];
const retrievalMs: number[] = [];
const chat = createChat({
  connection: database.connection,
  logger: createLogger('silent'),
  secret: 'bench-secret-0123456789abcdef0123456789',
  retriever,
  responder: new TickingResponder(tokens, intervalMs),
  // Server-side latency: request handler entered → first token handed to the stream.
  onAnswer: (report) => {
    if (report.latency.firstTokenMs !== undefined) firstTokenMs.push(report.latency.firstTokenMs);
    if (report.latency.retrievalMs !== undefined) retrievalMs.push(report.latency.retrievalMs);
  },
});
const app = express();
app.use(express.json({ limit: '64kb' }));
const widget = {
  chat,
  // Key resolution is the tenants area's (requireWidgetKey); the bench measures the chat path.
  widgetAuth: ((req, _res, next) => {
    (req as unknown as { widget: unknown }).widget = { tenant: benchTenant };
    next();
  }) as express.RequestHandler,
};
app.use(chatRouter(widget));
app.use(conversationsRouter(widget));
app.use(notFound);
app.use(errorHandler);
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, chunks: seeded })}\n`);
});
server.keepAliveTimeout = 0;
process.on('SIGTERM', async () => {
  if (process.env.BENCH_SERVER_LATENCY && firstTokenMs.length) {
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      return `p50=${at(0.5)} p99=${at(0.99)} ms`;
    };
    console.error(
      `server-side, ${firstTokenMs.length} answers: handler → first token ${summary(firstTokenMs)}; ` +
        `of which retrieval (embed + $vectorSearch + re-rank) ${summary(retrievalMs)}`,
    );
  }
  if (process.env.BENCH_LOOP_DELAY) {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.error(
      `parley event loop delay p50=${ms(loopDelay.percentile(50))} p99=${ms(loopDelay.percentile(99))} max=${ms(loopDelay.max)} ms`,
    );
  }
  server.closeAllConnections();
  await chat.close().catch(() => {});
  await database.close();
  await store.stop();
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
