import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * A local server for the benchmark: the built cdn/ files, a host page, and
 * a chat endpoint that streams `tokens` tokens as fast as the socket takes
 * them (DESIGN.md's protocol), so the figures measure the widget, not a model.
 */
export async function startBenchServer(
  cdnRoot: string,
  tokens: number,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/page.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<h1>Host page</h1><p>Some content.</p>
<script src="/cdn/parley/0/parley.js" data-key="pk_test_bench" async></script></body></html>`);
      return;
    }
    if (url.pathname === '/v1/widget/config') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ tenant: { name: 'Bench', slug: 'bench' }, widget: {}, theme: {} }));
      return;
    }
    if (url.pathname === '/v1/chat') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const id = 'bench';
      res.write(`id: ${id}:0\nevent: meta\ndata: {"conversationId":"c","messageId":"${id}"}\n\n`);
      let seq = 1;
      const burst = () => {
        for (let i = 0; i < 5 && seq <= tokens; i++, seq++) {
          res.write(`id: ${id}:${seq}\nevent: token\ndata: {"delta":"word${seq} "}\n\n`);
        }
        if (seq <= tokens) setTimeout(burst, 4);
        else {
          res.end(
            `id: ${id}:${seq}\nevent: done\ndata: {"messageId":"${id}","finishReason":"stop","usage":{"promptTokens":1,"completionTokens":${tokens}}}\n\n`,
          );
        }
      };
      burst();
      return;
    }
    if (url.pathname.startsWith('/cdn/')) {
      const path = normalize(join(cdnRoot, url.pathname.slice('/cdn/'.length)));
      try {
        if (!path.startsWith(cdnRoot) || !statSync(path).isFile()) throw new Error('not a file');
        res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
        res.end(readFileSync(path));
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
