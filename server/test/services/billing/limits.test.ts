import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParleyError } from '../../../src/errors';
import {
  effectiveLimits,
  hardCap,
  parseOverridePairs,
  parseOverrides,
} from '../../../src/services/billing/limits';
import { crossedThresholds } from '../../../src/services/billing/notices';
import { loadPlanCatalogue } from '../../../src/services/billing/plans';

const catalogue = loadPlanCatalogue();
const now = new Date('2026-11-21T12:00:00Z');
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

test('effective limits are the plan plus overrides', () => {
  const e = effectiveLimits(
    catalogue,
    { plan: 'starter', overrides: { messagesPerMonth: 5000, ssoAllowed: true } },
    now,
  );
  assert.equal(e.limitsPlan, 'starter');
  assert.equal(e.limits.messagesPerMonth, 5000);
  assert.equal(e.limits.ssoAllowed, true);
  assert.equal(e.limits.documents, catalogue.get('starter')!.limits.documents);
  assert.equal(e.restricted, false);
});

test('an unknown stored plan falls back to the default plan', () => {
  assert.equal(effectiveLimits(catalogue, { plan: 'legacy-gold' }, now).plan, 'free');
});

test('past due within the grace period keeps the plan; after it, Free limits apply', () => {
  const within = effectiveLimits(catalogue, { plan: 'pro', pastDueSince: days(6) }, now);
  assert.equal(within.restricted, false);
  assert.equal(within.limits.messagesPerMonth, 20000);
  assert.deepEqual(within.graceEndsAt, new Date(days(6).getTime() + 7 * 86_400_000));

  const after = effectiveLimits(
    catalogue,
    { plan: 'pro', overrides: { messagesPerMonth: 99999 }, pastDueSince: days(7) },
    now,
  );
  assert.equal(after.restricted, true);
  assert.equal(after.plan, 'pro');
  assert.equal(after.limitsPlan, 'free');
  assert.deepEqual(after.limits, catalogue.get('free')!.limits);
});

test('hard cap adds the soft-limit grace; null stays unlimited', () => {
  assert.equal(hardCap(2000, 10), 2200);
  assert.equal(hardCap(200, 0), 200);
  assert.equal(hardCap(null, 50), null);
});

test('CLI override pairs parse numbers, booleans, unlimited and removal', () => {
  assert.deepEqual(
    parseOverridePairs([
      'messagesPerMonth=5000',
      'ssoAllowed=true',
      'documents=unlimited',
      'seats=',
    ]),
    { messagesPerMonth: 5000, ssoAllowed: true, documents: null, seats: undefined },
  );
  assert.throws(() => parseOverridePairs(['colour=red']), /Unknown limit "colour"/);
  assert.throws(() => parseOverridePairs(['seats']), /name=value/);
});

test('override values are validated against the limit types', () => {
  assert.throws(
    () => parseOverrides({ messagesPerMonth: 'lots' }),
    (e) =>
      e instanceof ParleyError &&
      e.code === 'PARLEY_VALIDATION_FAILED' &&
      /messagesPerMonth/.test(e.message),
  );
  assert.throws(() => parseOverrides({ seats: -2 }), ParleyError);
  assert.deepEqual(parseOverrides({ seats: 10 }), { seats: 10 });
});

test('notice thresholds fire once when crossed', () => {
  assert.deepEqual(crossedThresholds(159, 160, 200), [80]);
  assert.deepEqual(crossedThresholds(160, 161, 200), []);
  assert.deepEqual(crossedThresholds(199, 200, 200), [100]);
  assert.deepEqual(crossedThresholds(0, 1, 1), [80, 100]);
  assert.deepEqual(crossedThresholds(5, 6, null), []);
});
