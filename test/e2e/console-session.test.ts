import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAccessServices, demoAdmin } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, consoleBuilt } from '../support/axe';
import { launchChromium } from '../support/browser';
import { signInToConsole } from '../support/console';
import { startDemoServer } from '../support/server';

describe('console session expiry', {
  skip: consoleBuilt ? false : 'console not built (npm run build)',
}, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let page: Page;

  before(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('saving after the session ended asks to sign in again and keeps the edit', async () => {
    await signInToConsole(page, `${server.url}/admin/settings`);
    // A deep link survives sign-in.
    const name = page.getByLabel('Workspace name');
    await name.waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/settings');
    await name.fill('Northwind Renamed');

    // The session ends server-side: a cookie that no longer matches any session.
    const context = page.context();
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'parley_session');
    assert.ok(cookie, 'signed in with a session cookie');
    // Forged inside the URL-encoded value: cutting the encoded text could split a %XX escape.
    const signed = decodeURIComponent(cookie.value);
    const forged = `${signed.slice(0, -4)}${signed.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await context.addCookies([{ ...cookie, value: encodeURIComponent(forged) }]);

    await page.getByRole('button', { name: 'Save name' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has expired — sign in again' });
    await dialog.waitFor();
    await page.getByText('Your session has expired — sign in again.').first().waitFor();
    assert.equal(
      await page.getByText('Sign in or send a secret API key.').count(),
      0,
      'no talk of API keys',
    );
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.equal(await dialog.getByLabel('Email').inputValue(), demoAdmin.email);
    await dialog.getByLabel('Password').fill(demoAdmin.password);
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    assert.equal(new URL(page.url()).pathname, '/admin/settings');
    assert.equal(await name.inputValue(), 'Northwind Renamed', 'the edit survived');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Workspace saved').waitFor();
    const session = await page.evaluate(() =>
      fetch('/api/tenant').then((r) => r.json() as Promise<{ name: string }>),
    );
    assert.equal(session.name, 'Northwind Renamed');
  });

  test('the documents notice sits apart from the card, and failed files take no plan space', async () => {
    const storedDocuments = () =>
      page.evaluate(() =>
        fetch('/api/usage?days=1')
          .then((r) => r.json() as Promise<{ stored: { documents: number } }>)
          .then((u) => u.stored.documents),
      );
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { name: 'Knowledge base' }).waitFor();
    const before = await storedDocuments();
    await page.getByLabel('Choose files to add').setInputFiles([
      {
        name: 'parking.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('# Parking\n\nLevel 2.'),
      },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf 1') },
      { name: 'scan2.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf 2') },
    ]);
    const notice = page.getByRole('status').filter({ hasText: '1 file indexed, 2 failed.' });
    await notice.waitFor();
    const gap = await notice.evaluate((element) => {
      const next = element.nextElementSibling!;
      return {
        display: getComputedStyle(element).display,
        space: next.getBoundingClientRect().top - element.getBoundingClientRect().bottom,
      };
    });
    assert.equal(gap.display, 'block');
    assert.ok(gap.space >= 8, `notice and card are ${gap.space}px apart`);
    // Each failed file is listed with its reason under the upload.
    const failed = page.getByRole('list', { name: 'Files that could not be added' });
    await failed.getByRole('listitem').filter({ hasText: 'scan2.pdf' }).waitFor();
    assert.equal(await failed.getByRole('listitem').count(), 2);
    assert.doesNotMatch((await failed.textContent()) ?? '', /PARLEY_/);
    assert.equal(await storedDocuments(), before + 1, 'only the indexed file counts');
  });

  test('operators see plans and revenue under the workspace list', async () => {
    const operator = { email: 'ops@parley.example', password: 'operator-passphrase' };
    const access = createAccessServices({
      connection: server.database.connection,
      publicUrl: server.url,
    });
    await access.users.upsertOperator(operator);
    const context = await browser.newContext({ bypassCSP: true });
    const ops = await context.newPage();
    await ops.goto(`${server.url}/admin`);
    await ops.getByLabel('Email').fill(operator.email);
    await ops.getByLabel('Password').fill(operator.password);
    await ops.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ops.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await ops.getByRole('heading', { name: 'Plans and revenue' }).waitFor();
    const row = ops.getByRole('row').filter({ hasText: 'demo' }).last();
    await row.getByText('free').waitFor();
    assert.deepEqual(await accessibilityViolations(ops), []);
    await context.close();
  });
});
