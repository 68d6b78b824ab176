import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createStripeClient,
  stripeApiVersion,
  stripeEndpoint,
} from '../../../src/services/billing/stripe-client';
import { decodeForm, FakeStripe } from '../../support/fake-stripe';

test('STRIPE_API_URL becomes host, port and protocol', () => {
  assert.deepEqual(stripeEndpoint('http://127.0.0.1:12111'), {
    host: '127.0.0.1',
    port: 12111,
    protocol: 'http',
  });
  assert.deepEqual(stripeEndpoint('https://stripe-proxy.internal/'), {
    host: 'stripe-proxy.internal',
    port: 443,
    protocol: 'https',
  });
});

test('no secret key means no client (billing off)', () => {
  assert.equal(
    createStripeClient({ secretKey: undefined, webhookSecret: undefined, apiUrl: undefined }),
    null,
  );
});

test('the client reaches the API at STRIPE_API_URL with the pinned version', async (t) => {
  const fake = await FakeStripe.start(t);
  const stripe = createStripeClient({
    secretKey: 'sk_test_x',
    webhookSecret: undefined,
    apiUrl: fake.url,
  })!;
  const customer = await stripe.customers.create(
    { name: 'Acme', metadata: { tenantId: 't1' } },
    { idempotencyKey: 'k1' },
  );
  assert.match(customer.id, /^cus_/);
  const [call] = fake.calls('POST', '/v1/customers');
  assert.equal(call?.idempotencyKey, 'k1');
  assert.equal(call?.stripeVersion, stripeApiVersion);
  assert.deepEqual(call?.params, { name: 'Acme', metadata: { tenantId: 't1' } });
});

test('the fake decodes Stripe form encoding into nested objects and arrays', () => {
  assert.deepEqual(
    decodeForm('line_items[0][price]=p1&line_items[1][price]=p2&metadata[a]=b&mode=x'),
    {
      line_items: [{ price: 'p1' }, { price: 'p2' }],
      metadata: { a: 'b' },
      mode: 'x',
    },
  );
});
