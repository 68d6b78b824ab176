// The ceiling for the concurrency benchmark: a bare Node `http` server that
// streams the same SSE events at the same rate as Parley's bench server, and
// does nothing else (no Express, no database, no retrieval, no buffers).
// Prints {"url"} on stdout when listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const tokens = Number(process.env.BENCH_TOKENS ?? 100);
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 50);
let counter = 0;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const id = `bare${counter++}`;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    let seq = 0;
    const send = (event: string, data: unknown) =>
      res.write(`id: ${id}:${seq++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('meta', { conversationId: id, messageId: id });
    send('sources', []);
    let i = 0;
    const tick = () => {
      if (res.destroyed) return;
      send('token', { delta: `tok${i} ` });
      if (++i < tokens) setTimeout(tick, intervalMs);
      else {
        send('done', {
          messageId: id,
          finishReason: 'stop',
          usage: { promptTokens: 100, completionTokens: tokens },
        });
        res.end();
      }
    };
    tick();
  });
});
server.keepAliveTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
