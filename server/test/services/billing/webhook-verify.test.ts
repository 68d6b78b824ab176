import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParleyError } from '../../../src/errors';
import { verifyStripeWebhook } from '../../../src/services/billing/webhook-verify';
import { FakeStripe } from '../../support/fake-stripe';

const secret = 'whsec_test_secret';
const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'invoice.paid',
  created: 1,
  data: { object: { id: 'in_1' } },
});
const now = new Date();
const seconds = Math.floor(now.getTime() / 1000);
const code = (c: string) => (e: unknown) => e instanceof ParleyError && e.code === c;

test('a correctly signed event verifies and parses', () => {
  const event = verifyStripeWebhook(
    Buffer.from(body),
    FakeStripe.sign(body, secret, seconds),
    secret,
    now,
  );
  assert.equal(event.id, 'evt_1');
  assert.equal(event.type, 'invoice.paid');
});

test('missing, tampered, wrongly keyed and stale signatures are told apart', () => {
  assert.throws(
    () => verifyStripeWebhook(Buffer.from(body), undefined, secret, now),
    code('PARLEY_STRIPE_SIGNATURE_MISSING'),
  );
  const header = FakeStripe.sign(body, secret, seconds);
  assert.throws(
    () => verifyStripeWebhook(Buffer.from(body.replace('in_1', 'in_2')), header, secret, now),
    code('PARLEY_STRIPE_SIGNATURE_INVALID'),
  );
  assert.throws(
    () =>
      verifyStripeWebhook(
        Buffer.from(body),
        FakeStripe.sign(body, 'whsec_other', seconds),
        secret,
        now,
      ),
    code('PARLEY_STRIPE_SIGNATURE_INVALID'),
  );
  assert.throws(
    () =>
      verifyStripeWebhook(
        Buffer.from(body),
        FakeStripe.sign(body, secret, seconds - 301),
        secret,
        now,
      ),
    code('PARLEY_STRIPE_TIMESTAMP_STALE'),
  );
  assert.throws(
    () => verifyStripeWebhook(Buffer.from(body), 'garbage', secret, now),
    code('PARLEY_STRIPE_SIGNATURE_INVALID'),
  );
});

test('a signed body that is not an event is a bad request', () => {
  const notEvent = JSON.stringify({ hello: 'world' });
  assert.throws(
    () =>
      verifyStripeWebhook(
        Buffer.from(notEvent),
        FakeStripe.sign(notEvent, secret, seconds),
        secret,
        now,
      ),
    code('PARLEY_BAD_REQUEST'),
  );
});
