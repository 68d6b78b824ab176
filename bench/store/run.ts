/**
 * Embedded store benchmark: insert throughput, indexed point lookups through
 * mongoose, and $vectorSearch latency at 10k and 100k 384-dimension vectors
 * with a tenant pre-filter. Prints figures, asserts nothing.
 *
 *   node --import tsx bench/store/run.ts            # full run (~2–4 minutes)
 *   BENCH_QUICK=1 node --import tsx bench/store/run.ts   # small sizes, smoke test
 *
 * The store runs with fsync on (durable: true), in this process as under
 * `npm start` (client and server share one event loop) and, for lookups, also
 * in a child process (`parley db`), as a separate database server would.
 * Throughputs are given per wall-clock second and per CPU-second of this
 * process, since other load on the machine moves the first a lot.
 */
import { cpus, loadavg } from 'node:os';
import { MongoClient, ObjectId } from 'mongodb';
import mongoose, { Schema } from 'mongoose';
import { percentile, random, throughput, withStore } from './support';

const quick = process.env.BENCH_QUICK === '1';
const DIMS = 384;
const TENANTS = 10;

const report = (name: string, value: string) => console.log(`  ${name}: ${value}`);
const rate = ({ wall, cpu }: { wall: number; cpu: number }, per = 1) =>
  `${Math.round(wall * per).toLocaleString('en')} (${Math.round(cpu * per).toLocaleString('en')} per CPU-second)`;

async function inserts(): Promise<void> {
  await withStore('in-process', async (uri) => {
    const client = await MongoClient.connect(uri, { maxPoolSize: 16 });
    const c = client.db('bench').collection('events');
    const total = quick ? 5_000 : 50_000;
    const batched = await throughput(total / 1000, 1, (i) =>
      c.insertMany(
        Array.from({ length: 1000 }, (_, k) => ({ n: i * 1000 + k, kind: 'view', at: new Date() })),
      ),
    );
    report('insertMany, batches of 1000 (docs/s)', rate(batched, 1000));
    const single = await throughput(quick ? 1_000 : 10_000, 16, (i) =>
      c.insertOne({ single: i, at: new Date() }),
    );
    report('insertOne, 16 in flight, each fsync-acknowledged (docs/s)', rate(single));
    await client.close();
  });
}

async function lookups(where: 'in-process' | 'child'): Promise<void> {
  await withStore(where, async (uri) => {
    const connection = await mongoose
      .createConnection(`${uri}bench`, { maxPoolSize: 16 })
      .asPromise();
    const User = connection.model(
      'User',
      new Schema({
        email: { type: String, unique: true },
        name: String,
        tenantId: Schema.Types.ObjectId,
      }),
    );
    await User.init();
    const n = quick ? 2_000 : 20_000;
    await User.collection.insertMany(
      Array.from({ length: n }, (_, i) => ({
        email: `user${i}@example.com`,
        name: `User ${i}`,
        tenantId: new ObjectId(),
      })),
    );
    const ops = quick ? 2_000 : 20_000;
    // Warm-up: let the JIT compile the driver, mongoose and store paths before timing.
    await throughput(2_000, 16, (i) => User.findOne({ email: `user${i % n}@example.com` }).lean());
    const serial = await throughput(ops / 4, 1, (i) =>
      User.findOne({ email: `user${(i * 7919) % n}@example.com` }).lean(),
    );
    report(`mongoose findOne on a unique index, store ${where}, serial (ops/s)`, rate(serial));
    const parallel = await throughput(ops, 16, (i) =>
      User.findOne({ email: `user${(i * 7919) % n}@example.com` }).lean(),
    );
    report(
      `mongoose findOne on a unique index, store ${where}, 16 in flight (ops/s)`,
      rate(parallel),
    );
    await connection.close();
  });
}

async function vectors(count: number): Promise<void> {
  await withStore('in-process', async (uri) => {
    const client = await MongoClient.connect(uri);
    const db = client.db('bench');
    await db.createCollection('chunks');
    const chunks = db.collection('chunks');
    await chunks.createSearchIndex({
      name: 'chunks_vector',
      type: 'vectorSearch',
      definition: {
        fields: [
          { type: 'vector', path: 'embedding', numDimensions: DIMS, similarity: 'cosine' },
          { type: 'filter', path: 'tenantId' },
        ],
      },
    });
    const tenants = Array.from({ length: TENANTS }, () => new ObjectId());
    const rand = random(count);
    const vector = () => Array.from({ length: DIMS }, () => rand() * 2 - 1);
    const loadStarted = process.hrtime.bigint();
    for (let i = 0; i < count; i += 500) {
      await chunks.insertMany(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          tenantId: tenants[(i + k) % TENANTS],
          text: `chunk ${i + k}`,
          embedding: vector(),
        })),
      );
    }
    const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
    report(
      `load ${count.toLocaleString('en')} vectors (docs/s)`,
      Math.round(count / loadSeconds).toLocaleString('en'),
    );

    const search = async (filtered: boolean) => {
      const started = process.hrtime.bigint();
      await chunks
        .aggregate([
          {
            $vectorSearch: {
              index: 'chunks_vector',
              path: 'embedding',
              queryVector: vector(),
              limit: 5,
              numCandidates: 50,
              ...(filtered ? { filter: { tenantId: tenants[Math.floor(rand() * TENANTS)] } } : {}),
            },
          },
          { $set: { score: { $meta: 'vectorSearchScore' } } },
          { $project: { embedding: 0 } },
        ])
        .toArray();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (const filtered of [true, false]) {
      for (let i = 0; i < 5; i++) await search(filtered); // warm up
      const times: number[] = [];
      for (let i = 0; i < (filtered ? 200 : 50); i++) times.push(await search(filtered));
      times.sort((a, b) => a - b);
      const label = filtered
        ? `$vectorSearch k=5, ${count.toLocaleString('en')} vectors, tenant filter (1 of ${TENANTS})`
        : `$vectorSearch k=5, ${count.toLocaleString('en')} vectors, no filter`;
      report(
        `${label} p50 / p99 (ms)`,
        `${percentile(times, 50).toFixed(1)} / ${percentile(times, 99).toFixed(1)}`,
      );
    }
    await client.close();
  });
}

console.log(
  `Parley embedded store benchmark (${quick ? 'quick' : 'full'}) — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
);
await inserts();
await lookups('in-process');
await lookups('child');
await vectors(quick ? 2_000 : 10_000);
await vectors(quick ? 5_000 : 100_000);
console.log(`\nReproduce: ${quick ? 'BENCH_QUICK=1 ' : ''}node --import tsx bench/store/run.ts`);
