// Server overhead to first token: request in → first `token` event out,
// with a local provider whose first token is immediate and the tenant
// holding ≥ 10,000 chunks (real ingestion, local embedder, $vectorSearch in
// the embedded store, lexical re-rank). Requests are sequential, from a
// separate load-generator process, so the figure is overhead, not queueing.
// Reproduce: node --import tsx bench/chat/first-token.ts [chunks] [requests] [data-dir to keep the seeded store]
import { runChild, startChild } from './processes';

const chunks = process.argv[2] ?? '10000';
const requests = process.argv[3] ?? '300';
const dataDir = process.argv[4];

console.log(`Seeding ≥ ${chunks} chunks (real ingestion; this takes a while)…`);
const seedStarted = Date.now();
const server = await startChild<{ url: string; chunks: number }>(
  'bench/chat/parley-server.ts',
  [],
  {
    BENCH_CHUNKS: chunks,
    BENCH_TOKENS: '5',
    BENCH_INTERVAL_MS: '1',
    BENCH_SERVER_LATENCY: '1',
    ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}),
  },
);
console.log(
  `  ${server.first.chunks} chunks in the tenant after ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`,
);
try {
  const r = await runChild<{
    count: number;
    errors: number;
    firstToken: { p50: number; p99: number; max: number };
  }>('bench/chat/loadgen-sequential.ts', [server.first.url, requests, '30']);
  console.log(
    `First token, client-measured (request sent → first token event received), ${r.count} requests, errors=${r.errors}: ` +
      `p50=${r.firstToken.p50} ms p99=${r.firstToken.p99} ms max=${r.firstToken.max} ms (budget p50 ≤ 25 ms)`,
  );
} finally {
  await server.stop();
}
console.log(
  `Reproduce: node --import tsx bench/chat/first-token.ts ${chunks} ${requests}${dataDir ? ` ${dataDir}` : ''}`,
);
