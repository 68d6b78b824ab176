// Concurrent SSE chats: N streams against a local provider emitting 20
// tokens/s, for Parley's chat pipeline and, in the same run, a bare Node
// `http` SSE server doing the same streaming (the ceiling). Reports, for
// each, the largest N with zero errors and p99 inter-token delay ≤ 100 ms.
// The load generator runs in a separate process.
// Reproduce: node --import tsx bench/chat/concurrent.ts [N1,N2,…] [tokens] [rampMs]
import { runChild, startChild } from './processes';

interface LoadResult {
  streams: number;
  errors: number;
  errorKinds: Record<string, number>;
  gaps: { count: number; p50: number; p99: number; max: number };
  firstToken: { p50: number; p99: number };
}

const steps = (process.argv[2] ?? '250,500,1000,1500,2000,2500,3000,4000').split(',').map(Number);
const tokens = process.argv[3] ?? '200';
const rampMs = process.argv[4] ?? '5000';
const budgetMs = 100;
const env = { BENCH_TOKENS: tokens, BENCH_INTERVAL_MS: '50' };

async function ladder(name: string, file: string): Promise<number> {
  const server = await startChild<{ url: string }>(file, [], env);
  let best = 0;
  try {
    for (const n of steps) {
      const r = await runChild<LoadResult>('bench/chat/loadgen.ts', [
        server.first.url,
        String(n),
        rampMs,
      ]);
      const ok = r.errors === 0 && r.gaps.p99 <= budgetMs;
      console.log(
        `  ${name.padEnd(6)} N=${String(n).padStart(5)}  errors=${r.errors}${r.errors ? ` ${JSON.stringify(r.errorKinds)}` : ''}  ` +
          `inter-token p50=${r.gaps.p50} p99=${r.gaps.p99} max=${r.gaps.max} ms  ` +
          `first token p50=${r.firstToken.p50} p99=${r.firstToken.p99} ms  ${ok ? 'ok' : 'over budget'}`,
      );
      if (!ok) break;
      best = n;
    }
  } finally {
    await server.stop();
  }
  return best;
}

console.log(
  `Concurrent SSE chats, ${tokens} tokens at 20 tokens/s each, starts spread over ${rampMs} ms`,
);
const parley = await ladder('parley', 'bench/chat/parley-server.ts');
const bare = await ladder('bare', 'bench/chat/bare-server.ts');
console.log(
  `\nLargest N with zero errors and p99 inter-token delay ≤ ${budgetMs} ms: Parley ${parley}, bare Node http ${bare}` +
    ` (ratio ${bare ? (parley / bare).toFixed(2) : 'n/a'}; budget N ≥ 2000 and ≥ 0.7 of the ceiling)`,
);
console.log(
  `Reproduce: node --import tsx bench/chat/concurrent.ts ${steps.join(',')} ${tokens} ${rampMs}`,
);
