import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  defaultPlansFile,
  loadPlanCatalogue,
  PlanCatalogueError,
  parsePlanCatalogue,
} from '../../../src/services/billing/plans';

const shipped = () => JSON.parse(readFileSync(defaultPlansFile, 'utf8')) as unknown;

test('the shipped catalogue loads: Free, Starter, Pro, Enterprise', () => {
  const catalogue = loadPlanCatalogue();
  assert.deepEqual(
    catalogue.plans.map((p) => p.id),
    ['free', 'starter', 'pro', 'enterprise'],
  );
  assert.equal(catalogue.defaultPlan, 'free');
  assert.equal(catalogue.get('pro')?.limits.ssoAllowed, true);
  assert.equal(catalogue.get('enterprise')?.limits.messagesPerMonth, null);
  assert.equal(catalogue.byPriceId('price_parley_pro_messages')?.id, 'pro');
  assert.equal(catalogue.byPriceId('price_unknown'), undefined);
});

test('a catalogue naming a missing default plan is refused with the field', () => {
  const raw = {
    defaultPlan: 'gratis',
    restrictedPlan: 'free',
    dunningGraceDays: 7,
    meter: { eventName: 'm' },
    plans: { free: loadPlanCatalogue().get('free') },
  };
  delete (raw.plans.free as { id?: string }).id;
  assert.throws(
    () => parsePlanCatalogue(raw, 'plans.json'),
    /plans\.json: defaultPlan names no plan: gratis/,
  );
});

test('a price used by two plans is refused (it must map back to one plan)', () => {
  const raw = {
    defaultPlan: 'free',
    restrictedPlan: 'free',
    dunningGraceDays: 7,
    meter: { eventName: 'm' },
    plans: {
      free: { ...loadPlanCatalogue().get('free'), id: undefined },
      a: { ...loadPlanCatalogue().get('starter'), id: undefined },
      b: { ...loadPlanCatalogue().get('starter'), id: undefined },
    },
  };
  for (const plan of Object.values(raw.plans)) delete (plan as { id?: string }).id;
  assert.throws(
    () => parsePlanCatalogue(raw),
    /price price_parley_starter_monthly is also used by plan a/,
  );
});

test('unknown limit names and bad values are refused', () => {
  const raw = shipped() as { plans: Record<string, { limits: Record<string, unknown> }> };
  raw.plans.free!.limits.messagesPerDay = 3;
  assert.throws(() => parsePlanCatalogue(raw), PlanCatalogueError);
  const negative = shipped() as { plans: Record<string, { limits: Record<string, unknown> }> };
  negative.plans.free!.limits.seats = -1;
  assert.throws(() => parsePlanCatalogue(negative), /plans\.free\.limits\.seats/);
});

test('an unreadable plans file names the file', () => {
  assert.throws(() => loadPlanCatalogue('/nonexistent/plans.json'), /\/nonexistent\/plans\.json/);
});
