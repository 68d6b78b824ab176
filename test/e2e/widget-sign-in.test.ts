import assert from 'node:assert/strict';
import { after, before, describe, type TestContext, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestIdp } from '../../server/test/support/test-idp';
import { accessibilityViolations, consoleBuilt } from '../support/axe';
import { launchChromium } from '../support/browser';
import { signInToConsole } from '../support/console';
import { startDemoServer } from '../support/server';
import { ask } from '../support/widget-page';

/**
 * Issue 8 end to end: the admin connects the company's IdP in the console and
 * turns on widget sign-in; an employee on the intranet page signs in to the
 * widget through the IdP (a real signed SAML response, posted by the browser
 * to the ACS in the popup), asks as a verified user, and finds the same
 * conversation on another device after signing in there.
 */
describe('company sign-in in the widget, through the console and a real IdP', {
  skip: consoleBuilt ? false : 'console not built (npm run build)',
}, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let idp: TestIdp;
  const cleanups: (() => unknown)[] = [];

  before(async () => {
    server = await startDemoServer();
    // Single sign-on comes with the Enterprise plan (the demo workspace starts on Free),
    // as the operator sets it with `parley tenant plan set`.
    await server.app.locals.billing.setPlan(server.demoTenantId, 'enterprise', {});
    browser = await launchChromium();
    idp = await TestIdp.start({
      after: (fn: () => unknown) => cleanups.push(fn),
    } as unknown as TestContext);
    idp.user = {
      nameId: 'grace@northwind.example',
      attributes: {
        email: 'grace@northwind.example',
        displayName: 'Grace Hopper',
        groups: ['benefits'],
      },
    };
  });
  after(async () => {
    await browser?.close();
    for (const cleanup of cleanups) await cleanup();
    await server?.close();
  });

  test('the admin connects the IdP and turns widget sign-in on in the console', async () => {
    const page = await browser.newPage();
    await signInToConsole(page, `${server.url}/admin/sso`);
    await page.getByLabel('IdP metadata XML').fill(idp.metadataXml());
    await page.getByRole('button', { name: 'Save identity provider' }).click();
    const enabled = page.getByLabel('Single sign-on enabled');
    await assertEnabled(enabled);
    await switchOn(page, enabled);
    const widgetLogin = page.getByLabel(
      'Employees may sign in to the widget (verified chat identity)',
    );
    await switchOn(page, widgetLogin);
    // Both switches saved: the widget's config now offers sign-in.
    await waitForConfigSso(server.url);
    assert.equal(await enabled.isChecked(), true);
    assert.equal(await widgetLogin.isChecked(), true);
    await page.close();
  });

  test('an employee signs in from the widget, and the conversation follows them to another device', async () => {
    const laptop = await browser.newContext();
    const page = await openWidget(laptop, server.url);
    await signInThroughPopup(page);
    const widget = page.locator('parley-chat');
    assert.equal(
      await widget.locator('[part~="signed-in"]').textContent(),
      'Signed in as Grace Hopper',
    );
    assert.deepEqual(await accessibilityViolations(page), []);
    const answer = await ask(page, 'How many vacation days do I get?');
    assert.match(answer, /\d+\s+(?:days|vacation)/i, 'a grounded answer');

    // Owned by the verified user, not by this browser's anonymous visitor.
    const owners = await server.database.connection
      .collection('conversations')
      .find({}, { projection: { userId: 1, visitorId: 1 } })
      .toArray();
    assert.deepEqual(
      owners.map((c) => c.userId ?? `visitor:${c.visitorId}`),
      ['grace@northwind.example'],
    );

    // Another device: nothing stored; after signing in, the conversation is there.
    const phone = await browser.newContext();
    const other = await openWidget(phone, server.url);
    assert.equal(
      await other.locator('parley-chat [part~="message"]').count(),
      0,
      'nothing before signing in',
    );
    await signInThroughPopup(other);
    await other
      .locator('parley-chat [part~="message"][data-role="user"]', {
        hasText: 'How many vacation days do I get?',
      })
      .waitFor();

    // Signing out on the phone leaves an anonymous visitor with an empty conversation.
    await other.locator('parley-chat [part~="sign-out"]').click();
    await other.locator('parley-chat [part~="sign-in"]').waitFor();
    assert.equal(await other.locator('parley-chat [part~="message"]').count(), 0);
    await laptop.close();
    await phone.close();
  });
});

async function assertEnabled(locator: ReturnType<Page['getByLabel']>) {
  await locator.waitFor();
  for (let i = 0; i < 100 && (await locator.isDisabled()); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(await locator.isDisabled(), false, 'the switch is enabled once an IdP is saved');
}

/** Clicks a settings switch, which turns on once the console saved it (or shows why not). */
async function switchOn(page: Page, toggle: ReturnType<Page['getByLabel']>) {
  await toggle.click();
  for (let i = 0; i < 200 && !(await toggle.isChecked()); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const alerts = await page.getByRole('alert').allTextContents();
  assert.equal(await toggle.isChecked(), true, `saved (alerts: ${alerts.join(' | ')})`);
}

/** Waits until the demo key's widget config carries `sso.loginPath`. */
async function waitForConfigSso(url: string) {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${url}/v1/widget/config`, {
      headers: { 'X-Parley-Key': 'pk_test_parley_demo', Origin: url },
    });
    const body = (await response.json()) as { sso?: { loginPath?: string } | null };
    if (body.sso?.loginPath) return body.sso.loginPath;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the widget config never offered sign-in');
}

/** The intranet example page in this browser context, with the panel open. */
async function openWidget(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/examples/intranet.html`);
  await page.locator('parley-chat [part~="launcher"]').click();
  await page.locator('parley-chat [part~="sign-in"]').waitFor();
  assert.deepEqual(errors, []);
  return page;
}

/** Clicks "Sign in with your company account" and lets the popup run the SAML round trip. */
async function signInThroughPopup(page: Page) {
  const button = page.locator('parley-chat [part~="sign-in"]');
  assert.equal(await button.textContent(), 'Sign in with your company account');
  const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
  // The test IdP answers at once with an auto-posting form; the ACS page posts the identity and closes.
  await popup.waitForEvent('close', { timeout: 15_000 });
  await page.locator('parley-chat [part~="signed-in"]').waitFor();
}
