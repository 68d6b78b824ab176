// Sequential load for the first-token benchmark, in its own process: sends
// `count` chats one after another (after `warmup` unmeasured ones), each a
// question from the benefits corpus, and measures request sent → first
// `token` event received.
// Usage: node --import tsx bench/chat/loadgen-sequential.ts <url> <count> <warmup>
// Prints one JSON line: { count, errors, firstToken: { p50, p99, max } }.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const [url, countArg, warmupArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);
const warmup = Number(warmupArg ?? 20);
const questions = readFileSync(
  new URL('../../../shared/corpus/questions.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { q: string }).q);
const target = new URL('/v1/chat', url);

/** One chat; resolves with ms to the first token, or undefined on error. */
function ask(question: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ message: question });
    const started = performance.now();
    let first: number | undefined;
    let buffer = '';
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Parley-Key': 'pk_test_bench',
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve(undefined);
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (first !== undefined) return;
          buffer += chunk;
          if (buffer.includes('\nevent: token\n')) first = performance.now() - started;
        });
        res.on('end', () => resolve(first));
      },
    );
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const times: number[] = [];
let errors = 0;
for (let i = 0; i < warmup + count; i++) {
  const ms = await ask(questions[i % questions.length]!);
  if (ms === undefined) errors++;
  else if (i >= warmup) times.push(ms);
}
times.sort((a, b) => a - b);
const at = (p: number) =>
  Math.round((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({ count: times.length, errors, firstToken: { p50: at(0.5), p99: at(0.99), max: at(1) } })}\n`,
);
