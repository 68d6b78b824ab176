// The chat benchmarks, one after the other (each prints its own figures and
// the command that reproduces it):
//   first-token.ts  server overhead to first token with ≥ 10,000 chunks
//   concurrent.ts   concurrent SSE streams at 20 tokens/s vs a bare Node server
// Reproduce: node --import tsx bench/chat/run.ts
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
let failed = 0;
for (const file of ['bench/chat/first-token.ts', 'bench/chat/concurrent.ts']) {
  console.log(`\n▶ node --import tsx ${file}`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
