// Load generator for the chat benchmarks, run in its own process so its work
// does not count as the server's. Opens `streams` SSE chats against `url`,
// their starts spread evenly over `rampMs`, and reports per-stream errors,
// the delay from request to first token and every gap between two tokens.
// Usage: node --import tsx bench/chat/loadgen.ts <url> <streams> <rampMs>
// Prints one JSON line: { streams, errors, firstTokenMs: [...], gaps: {p50,p99,max,count} }.
import { Agent, request } from 'node:http';

const [url, streamsArg, rampArg] = process.argv.slice(2);
const streams = Number(streamsArg);
const rampMs = Number(rampArg ?? 1000);
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const body = JSON.stringify({ message: 'What is the dental deductible?' });
const target = new URL('/v1/chat', url);

const gaps: number[] = [];
const firstToken: number[] = [];
const headersAt: number[] = [];
const errorKinds = new Map<string, number>();
const fail = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);

function stream(): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = 0;
    let ended = false;
    let buffer = '';
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Parley-Key': 'pk_test_bench',
        },
      },
      (res) => {
        headersAt.push(performance.now() - started);
        if (res.statusCode !== 200) {
          fail(`http ${res.statusCode}`);
          res.resume();
          return resolve();
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buffer += chunk;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf('\n\n');
            if (frame.includes('\nevent: token\n')) {
              if (last === 0) firstToken.push(now - started);
              else gaps.push(now - last);
              last = now;
            } else if (frame.includes('\nevent: done\n')) ended = true;
            else if (frame.includes('\nevent: error\n')) fail('error event');
          }
        });
        res.on('end', () => {
          if (!ended) fail('closed before done');
          resolve();
        });
        res.on('error', () => {
          fail('response error');
          resolve();
        });
      },
    );
    req.on('error', (error) => {
      fail(`request ${(error as NodeJS.ErrnoException).code ?? error.message}`);
      resolve();
    });
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

const runs: Promise<void>[] = [];
for (let i = 0; i < streams; i++) {
  runs.push(
    new Promise<void>((resolve) => setTimeout(resolve, (i * rampMs) / streams)).then(stream),
  );
}
await Promise.all(runs);
gaps.sort((a, b) => a - b);
firstToken.sort((a, b) => a - b);
headersAt.sort((a, b) => a - b);
const round = (n: number) => Math.round(n * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    streams,
    errors: [...errorKinds.values()].reduce((a, b) => a + b, 0),
    errorKinds: Object.fromEntries(errorKinds),
    gaps: {
      count: gaps.length,
      p50: round(pct(gaps, 50)),
      p99: round(pct(gaps, 99)),
      max: round(gaps.at(-1) ?? 0),
    },
    firstToken: { p50: round(pct(firstToken, 50)), p99: round(pct(firstToken, 99)) },
    headers: { p50: round(pct(headersAt, 50)), p99: round(pct(headersAt, 99)) },
  })}\n`,
);
