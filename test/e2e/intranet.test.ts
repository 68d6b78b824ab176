import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startDemoServer } from '../support/server';

describe('examples/intranet.html', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  before(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the embedded widget opens and streams a reply', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/examples/intranet.html`);
    const launcher = page.locator('parley-chat [part~="launcher"]');
    await launcher.click();
    const input = page.locator('parley-chat [part~="input"]');
    await input.fill('What is the dental deductible?');
    await input.press('Enter');
    const reply = page.locator('parley-chat [part~="message"][data-role="assistant"]');
    await reply.filter({ hasText: 'dental deductible' }).waitFor({ timeout: 10_000 });
    assert.match((await reply.textContent()) ?? '', /Parley is running/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
