// Concurrent SSE chats: N streams against a local provider emitting 20
// tokens/s, for Parley's chat pipeline and, in the same run and the same
// time window, a bare Node `http` SSE server doing the same streaming (the
// ceiling). For each N the two are measured back to back; the result is,
// for each, the largest N with zero errors and p99 inter-token delay
// ≤ 100 ms. The load generator runs in a separate process.
// Reproduce: node --import tsx bench/chat/concurrent.ts [N1,N2,…] [tokens] [rampMs]
import { runChild, startChild } from './processes';

interface LoadResult {
  streams: number;
  errors: number;
  errorKinds: Record<string, number>;
  gaps: { count: number; p50: number; p99: number; max: number };
  firstToken: { p50: number; p99: number };
}

const steps = (process.argv[2] ?? '250,500,1000,1500,2000,2500,3000').split(',').map(Number);
const tokens = process.argv[3] ?? '200';
const rampMs = process.argv[4] ?? '5000';
const budgetMs = 100;
const env = { BENCH_TOKENS: tokens, BENCH_INTERVAL_MS: '50' };

const servers = {
  parley: await startChild<{ url: string }>('bench/chat/parley-server.ts', [], env),
  bare: await startChild<{ url: string }>('bench/chat/bare-server.ts', [], env),
};
const best = { parley: 0, bare: 0 };
const failedInARow = { parley: 0, bare: 0 };
console.log(
  `Concurrent SSE chats, ${tokens} tokens at 20 tokens/s each, starts spread over ${rampMs} ms`,
);
try {
  for (const n of steps) {
    for (const name of ['parley', 'bare'] as const) {
      if (failedInARow[name] >= 2) continue;
      const r = await runChild<LoadResult>('bench/chat/loadgen.ts', [
        servers[name].first.url,
        String(n),
        rampMs,
      ]);
      const ok = r.errors === 0 && r.gaps.p99 <= budgetMs;
      if (ok) best[name] = Math.max(best[name], n);
      failedInARow[name] = ok ? 0 : failedInARow[name] + 1;
      console.log(
        `  ${name.padEnd(6)} N=${String(n).padStart(5)}  errors=${r.errors}${r.errors ? ` ${JSON.stringify(r.errorKinds)}` : ''}  ` +
          `inter-token p50=${r.gaps.p50} p99=${r.gaps.p99} max=${r.gaps.max} ms  ` +
          `first token p50=${r.firstToken.p50} p99=${r.firstToken.p99} ms  ${ok ? 'ok' : 'over budget'}`,
      );
    }
    if (failedInARow.parley >= 2 && failedInARow.bare >= 2) break;
  }
} finally {
  await servers.parley.stop();
  await servers.bare.stop();
}
console.log(
  `\nLargest N with zero errors and p99 inter-token delay ≤ ${budgetMs} ms: Parley ${best.parley}, bare Node http ${best.bare}` +
    ` (ratio ${best.bare ? (best.parley / best.bare).toFixed(2) : 'n/a'}; budget N ≥ 2000 and ≥ 0.7 of the ceiling)`,
);
console.log(
  `Reproduce: node --import tsx bench/chat/concurrent.ts ${steps.join(',')} ${tokens} ${rampMs}`,
);
