import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoAdmin, demoPublishableKey } from '@parley/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, consoleBuilt } from '../support/axe';
import { launchChromium } from '../support/browser';
import { startDemoServer } from '../support/server';

describe('admin console (/admin)', {
  skip: consoleBuilt ? false : 'console not built (npm run build)',
}, () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // bypassCSP only so the test can inject axe; the console itself runs under its strict CSP.
    context = await browser.newContext({ bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('signs in with the keyboard only and lands on the embed snippet', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    // Wrong password first: an error is announced and nothing else happens.
    await page.keyboard.press('Tab');
    await page.keyboard.type(demoAdmin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await page.getByLabel('Password').fill(demoAdmin.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Embed the assistant' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/embed');
    const snippet = await page.getByTestId('script-tag').first().textContent();
    assert.match(
      snippet ?? '',
      /^<script src="http:\/\/localhost:\d+\/cdn\/parley\/\d+\.\d+\.\d+\/parley\.js" integrity="sha384-[\w+/=]+" crossorigin="anonymous" data-key="pk_test_parley_demo" async><\/script>$/,
    );
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test('creates a secret key, shows it once and copies it', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel(/^Secret/).check();
    await dialog.getByLabel('Name').fill('Nightly sync');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const reveal = page.getByRole('dialog', { name: 'Your new key' });
    await reveal.getByText('It will not be shown again.').waitFor();
    const secret = (await reveal.getByTestId('revealed-key').textContent()) ?? '';
    assert.match(secret, /^sk_live_[A-Za-z0-9]{40}$/);
    await reveal.getByRole('button', { name: 'Copy' }).click();
    await reveal.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await reveal.getByRole('button', { name: 'Done' }).click();
    await reveal.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Nightly sync' });
    await row.waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is gone from the page');
    assert.match((await row.textContent()) ?? '', new RegExp(`${secret.slice(0, 16)}…`));
    // The key works against the admin API.
    const res = await fetch(`${server.url}/api/tenant`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test('adds an allowed origin, and the widget then works from it', async () => {
    const origin = 'https://intranet.northwind.example';
    const before = await fetch(`${server.url}/v1/widget/config`, {
      headers: { 'x-parley-key': demoPublishableKey, origin },
    });
    assert.equal(before.status, 403);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Allowed origins' }).waitFor();
    const input = page.getByLabel('Add an origin');
    await input.fill('https://intranet.northwind.example/home');
    await input.press('Enter');
    await page.getByText('Leave out the path').waitFor();
    await input.fill(origin);
    await page.getByRole('button', { name: 'Add origin' }).click();
    await page
      .getByRole('list', { name: 'Allowed origins' })
      .getByText(origin, { exact: true })
      .waitFor();
    await page.getByRole('status').getByText('Allowed origins saved').waitFor();
    const after = await fetch(`${server.url}/v1/widget/config`, {
      headers: { 'x-parley-key': demoPublishableKey, origin },
    });
    assert.equal(after.status, 200);
    assert.equal(after.headers.get('access-control-allow-origin'), origin);
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test('the audit log shows those changes, then signing out returns to sign-in', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await table.getByText('Updated workspace settings').waitFor();
    await table.getByText('Created an API key').waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${server.url}/admin/keys`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.deepEqual(
      errors.filter((e) => !/status of 401/.test(e)),
      [],
    );
  });
});
