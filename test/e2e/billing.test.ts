import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeStripe } from '../../server/test/support/fake-stripe';
import { accessibilityViolations, consoleBuilt } from '../support/axe';
import { launchChromium } from '../support/browser';
import { signInToConsole } from '../support/console';
import { startDemoServer } from '../support/server';

const webhookSecret = 'whsec_e2e_billing';

describe('billing in the console, against the local Stripe counterpart', {
  skip: consoleBuilt ? false : 'console not built (npm run build)',
}, () => {
  let stripe: FakeStripe;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const closers: (() => unknown)[] = [];
  const errors: string[] = [];

  before(async () => {
    stripe = await FakeStripe.start({ after: (fn: () => unknown) => closers.push(fn) } as never);
    server = await startDemoServer({
      STRIPE_SECRET_KEY: 'sk_test_e2e',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripe.url,
    });
    browser = await launchChromium();
    // bypassCSP only so the test can inject axe; the console itself runs under its strict CSP.
    context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    // Stripe's hosted pages are not reachable here: answer them locally and remember the visit.
    await context.route('https://checkout.stripe.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Stripe Checkout</title>' }),
    );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const close of closers.reverse()) await close();
  });

  test('the owner upgrades to Pro through Checkout and the console shows it', async () => {
    await signInToConsole(page, `${server.url}/admin`);
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { name: 'Plans' }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole('button', { name: 'Upgrade: Pro' }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const [session] = stripe.calls('POST', '/v1/checkout/sessions');
    assert.equal(session?.params.mode, 'subscription');
    assert.match(session?.idempotencyKey ?? '', /^parley-checkout-[0-9a-f]{24}-pro-click-/);
    const tenantId = session!.params.client_reference_id as string;
    const customer = session!.params.customer as string;

    // Stripe: the payment succeeds, the subscription exists, the webhook is delivered.
    stripe.setSubscription({
      id: 'sub_e2e',
      customer,
      status: 'active',
      prices: [
        { id: 'price_parley_pro_monthly', unitAmount: 19900 },
        { id: 'price_parley_pro_messages', unitAmount: null },
      ],
      metadata: { tenantId },
    });
    const body = JSON.stringify(
      stripe.event('checkout.session.completed', {
        id: 'cs_e2e',
        object: 'checkout.session',
        mode: 'subscription',
        client_reference_id: tenantId,
        customer,
        subscription: 'sub_e2e',
      }),
    );
    const delivered = await fetch(`${server.url}/billing/stripe/webhook`, {
      method: 'POST',
      headers: { 'stripe-signature': FakeStripe.sign(body, webhookSecret) },
      body,
    });
    assert.equal(delivered.status, 200);

    // Stripe sends the admin back to the billing page.
    await page.goto(`${server.url}/admin/billing?checkout=success&session_id=cs_e2e`);
    const pro = page.locator('[data-plan=pro]');
    await pro.getByText('Current plan').waitFor();
    await page.getByRole('button', { name: 'Manage billing' }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByText('0 of 20,000').waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors, []);
  });
});
