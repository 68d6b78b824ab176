import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import Stripe from 'stripe';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The form body (or query) decoded into nested objects, as Stripe reads it. */
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
  /** True when the answer was replayed from an earlier request with the same key. */
  replayed: boolean;
}

/** How the next matching request fails. */
export type FailureMode =
  /** Answer 500 without doing anything. */
  | 'error'
  /** Do the work, record it, then cut the connection before answering (a crash after commit). */
  | 'drop-after-apply';

type Json = Record<string, unknown>;

/**
 * Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and
 * arrays. Stripe's own encoder emits only this bracket form.
 */
export function decodeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Record<string, unknown> = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return out;
}

/**
 * A local HTTP server that speaks the parts of the Stripe REST API Parley
 * uses: customers, Checkout and Portal sessions, subscriptions (retrieve)
 * and Billing Meter events. Like Stripe it replays answers for a reused
 * `Idempotency-Key`, refuses a key reused with other parameters, and
 * ignores a meter event whose `identifier` it has seen. Tests add
 * subscriptions with `setSubscription` and inject failures with `failNext`.
 */
export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly customers = new Map<string, Json>();
  readonly checkoutSessions = new Map<string, Json>();
  readonly portalSessions = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  /** Accepted meter events, at most one per identifier. */
  readonly meterEvents: Json[] = [];
  private readonly idempotent = new Map<string, { params: string; status: number; body: Json }>();
  private readonly failures: { method: string; path: RegExp; mode: FailureMode }[] = [];
  private seq = 0;
  url = '';

  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });

  /** Starts the fake on a free port; it closes when the test ends. */
  static async start(t: TestContext): Promise<FakeStripe> {
    const fake = new FakeStripe();
    fake.server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => fake.server.once('listening', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    t.after(async () => {
      fake.server.closeAllConnections();
      await new Promise((resolve) => fake.server.close(resolve));
    });
    return fake;
  }

  /** Makes the next request matching `method` and `path` fail in the given way. */
  failNext(method: string, path: RegExp, mode: FailureMode): void {
    this.failures.push({ method, path, mode });
  }

  /** The recorded requests to one endpoint (`POST /v1/checkout/sessions`). */
  calls(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  /** Stores (or replaces) a subscription as Stripe would return it. */
  setSubscription(subscription: {
    id: string;
    customer: string;
    status: string;
    prices: { id: string; unitAmount?: number | null; interval?: 'month' | 'year' }[];
    currentPeriodEnd?: number;
    cancelAtPeriodEnd?: boolean;
    metadata?: Record<string, string>;
  }): Json {
    const periodEnd = subscription.currentPeriodEnd ?? 1_900_000_000;
    const json: Json = {
      id: subscription.id,
      object: 'subscription',
      customer: subscription.customer,
      status: subscription.status,
      cancel_at_period_end: subscription.cancelAtPeriodEnd ?? false,
      metadata: subscription.metadata ?? {},
      items: {
        object: 'list',
        data: subscription.prices.map((p, i) => ({
          id: `si_${subscription.id}_${i}`,
          object: 'subscription_item',
          current_period_end: periodEnd,
          quantity: p.unitAmount === null ? undefined : 1,
          price: {
            id: p.id,
            object: 'price',
            currency: 'usd',
            unit_amount: p.unitAmount ?? null,
            recurring: {
              interval: p.interval ?? 'month',
              usage_type: p.unitAmount === null ? 'metered' : 'licensed',
            },
          },
        })),
      },
    };
    this.subscriptions.set(subscription.id, json);
    return json;
  }

  /** A webhook event as Stripe would send it (unsigned). */
  event(
    type: string,
    object: Json,
    options: { id?: string; created?: number } = {},
  ): Json & { id: string; type: string; data: { object: Json } } {
    return {
      id: options.id ?? `evt_${++this.seq}`,
      object: 'event',
      api_version: '2025-10-29.clover',
      created: options.created ?? Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object },
    };
  }

  /** Signs a payload the way Stripe does, for `Stripe-Signature`. */
  static sign(payload: string, secret: string, timestamp?: number): string {
    return Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      ...(timestamp === undefined ? {} : { timestamp }),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const params = decodeForm(
      method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString(),
    );
    const key = req.headers['idempotency-key'] as string | undefined;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      params,
      idempotencyKey: key,
      stripeVersion: req.headers['stripe-version'] as string | undefined,
      replayed: false,
    };
    this.requests.push(record);

    const failureAt = this.failures.findIndex(
      (f) => f.method === method && f.path.test(url.pathname),
    );
    const failure = failureAt >= 0 ? this.failures.splice(failureAt, 1)[0] : undefined;
    if (failure?.mode === 'error') {
      send(res, 500, stripeError('api_error', 'Simulated failure.'));
      return;
    }

    const fingerprint = `${method} ${url.pathname} ${JSON.stringify(params)}`;
    const earlier = key && method === 'POST' ? this.idempotent.get(key) : undefined;
    if (earlier) {
      if (earlier.params !== fingerprint) {
        send(res, 400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Key: ${key}`,
          },
        });
        return;
      }
      record.replayed = true;
      if (failure?.mode === 'drop-after-apply') {
        res.socket?.destroy();
        return;
      }
      send(res, earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
      return;
    }

    const [status, body] = this.route(method, url.pathname, params);
    if (key && method === 'POST' && status < 500) {
      this.idempotent.set(key, { params: fingerprint, status, body });
    }
    if (failure?.mode === 'drop-after-apply') {
      res.socket?.destroy();
      return;
    }
    send(res, status, body);
  }

  private route(method: string, path: string, p: Json): [number, Json] {
    const now = Math.floor(Date.now() / 1000);
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: `cus_${++this.seq}`, object: 'customer', created: now, ...p };
      this.customers.set(customer.id, customer);
      return [200, customer];
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${++this.seq}`;
      const session = {
        id,
        object: 'checkout.session',
        status: 'open',
        url: `https://checkout.stripe.test/c/pay/${id}`,
        ...p,
      };
      this.checkoutSessions.set(id, session);
      return [200, session];
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = `bps_${++this.seq}`;
      const session = {
        id,
        object: 'billing_portal.session',
        url: `https://billing.stripe.test/p/session/${id}`,
        ...p,
      };
      this.portalSessions.set(id, session);
      return [200, session];
    }
    const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === 'GET' && sub) {
      const found = this.subscriptions.get(decodeURIComponent(sub[1]!));
      if (!found) {
        return [404, stripeError('invalid_request_error', `No such subscription: '${sub[1]}'`)];
      }
      return [200, found];
    }
    if (method === 'POST' && path === '/v1/billing/meter_events') {
      const identifier = (p.identifier as string | undefined) ?? `gen_${++this.seq}`;
      const event = {
        object: 'billing.meter_event',
        created: now,
        livemode: false,
        event_name: p.event_name,
        identifier,
        payload: p.payload,
        timestamp: Number(p.timestamp ?? now),
      };
      // Stripe enforces identifier uniqueness: a repeat is accepted but not counted again.
      if (!this.meterEvents.some((e) => e.identifier === identifier)) this.meterEvents.push(event);
      return [200, event];
    }
    return [
      404,
      stripeError('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`),
    ];
  }
}

function stripeError(type: string, message: string): Json {
  return { error: { type, message } };
}

function send(
  res: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': 'req_fake',
    ...headers,
  });
  res.end(JSON.stringify(body));
}
