// Cost of billing on the hot path and under contention, on the embedded
// store: a quota reservation + commit per chat message (serial latency and
// concurrent throughput), the boundary under a stampede (exactly the quota
// is granted), and webhook processing (new and duplicate events).
// Reproduce: node --import tsx bench/billing/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/src/config';
import { connectMongo } from '../../server/src/db/connect';
import { startEmbeddedMongo } from '../../server/src/db/embedded/index';
import { createLogger } from '../../server/src/logger';
import { createBilling } from '../../server/src/services/billing/index';
import { TenantService } from '../../server/src/services/tenants/tenant-service';
import { FakeStripe } from '../../server/test/support/fake-stripe';

const secret = 'whsec_bench';
const usage = { promptTokens: 100, completionTokens: 200 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-billing-'));
  const store = await startEmbeddedMongo({ dir });
  const database = await connectMongo(`${store.uri}parley_bench`);
  const afters: (() => unknown)[] = [];
  const t = { after: (fn: () => unknown) => afters.push(fn) } as never;
  const stripe = await FakeStripe.start(t);
  const config = loadConfig({
    PARLEY_LOG_LEVEL: 'silent',
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_API_URL: stripe.url,
  });
  const billing = createBilling({
    config,
    connection: database.connection,
    logger: createLogger('silent'),
  });
  await billing.ready;
  const tenants = new TenantService(database.connection);
  let seq = 0;
  const tenant = async (plan: string) =>
    String((await tenants.create({ name: `Bench ${++seq}`, slug: `bench-${seq}`, plan }))._id);

  // 1. Serial: one reservation + commit per message, as the chat pipeline does.
  const serialTenant = await tenant('enterprise');
  const serial = 1000;
  const latencies: number[] = [];
  for (let i = 0; i < serial; i++) {
    const started = performance.now();
    const reservation = await billing.assertChatAllowed(serialTenant);
    await reservation.commit(usage);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `quota reserve+commit, serial (${serial} messages): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
  );

  // 2. Concurrent: 50 clients on one tenant.
  const concurrentTenant = await tenant('enterprise');
  const clients = 50;
  const perClient = 40;
  let started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const reservation = await billing.assertChatAllowed(concurrentTenant);
        await reservation.commit(usage);
      }
    }),
  );
  let seconds = (performance.now() - started) / 1000;
  console.log(
    `quota reserve+commit, ${clients} concurrent clients: ${Math.round((clients * perClient) / seconds)} messages/s`,
  );

  // 3. Stampede at the boundary: 1000 attempts for 300 remaining messages.
  const boundaryTenant = await tenant('free');
  await billing.setPlan(boundaryTenant, 'free', { messagesPerMonth: 300 });
  const attempts = await Promise.allSettled(
    Array.from({ length: 1000 }, () => billing.assertChatAllowed(boundaryTenant)),
  );
  const granted = attempts.filter((a) => a.status === 'fulfilled').length;
  console.log(`boundary stampede: 1000 concurrent attempts, quota 300 → ${granted} granted`);

  // 4. Webhooks: distinct subscription updates (each re-read from Stripe), then duplicates.
  const webhookTenant = await tenant('free');
  await billing.accounts.update(webhookTenant, { $set: { stripeCustomerId: 'cus_bench' } });
  stripe.setSubscription({
    id: 'sub_bench',
    customer: 'cus_bench',
    status: 'active',
    prices: [{ id: 'price_parley_pro_monthly', unitAmount: 19900 }],
  });
  const events = Array.from({ length: 300 }, () =>
    stripe.event('customer.subscription.updated', stripe.subscriptions.get('sub_bench')!),
  );
  const deliver = (event: object) => {
    const body = JSON.stringify(event);
    return billing.handleWebhook(Buffer.from(body), FakeStripe.sign(body, secret));
  };
  started = performance.now();
  for (const event of events) await deliver(event);
  seconds = (performance.now() - started) / 1000;
  console.log(
    `webhooks, new events (verify + claim + subscriptions.retrieve + apply): ${Math.round(events.length / seconds)} events/s`,
  );
  started = performance.now();
  for (const event of events) await deliver(event);
  seconds = (performance.now() - started) / 1000;
  console.log(
    `webhooks, duplicates (verify + lookup): ${Math.round(events.length / seconds)} events/s`,
  );
  console.log('reproduce: node --import tsx bench/billing/run.ts');

  for (const fn of afters.reverse()) await fn();
  await database.close();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
