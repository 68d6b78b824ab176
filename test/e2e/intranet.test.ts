import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startDemoServer } from '../support/server';
import { ask, chatAvailable } from '../support/widget-page';

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

  test('the launcher appears and opens the lazily loaded panel as a dialog', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const panelRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/panel-') && panelRequests.push(r.url()));
    await page.goto(`${server.url}/examples/intranet.html`);
    const launcher = page.locator('parley-chat [part~="launcher"]');
    await launcher.waitFor();
    assert.equal(panelRequests.length, 0, 'the panel is not loaded before the first open');
    await launcher.click();
    const dialog = page.locator('parley-chat parley-panel[role="dialog"]');
    await dialog.waitFor();
    assert.equal(panelRequests.length, 1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the embedded widget streams a reply', async (t) => {
    if (!(await chatAvailable(server.url))) return t.skip('the demo tenant is not seeded yet');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/examples/intranet.html`);
    await page.locator('parley-chat [part~="launcher"]').click();
    const answer = await ask(page, 'What is the dental deductible?');
    assert.ok(answer.trim().length > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('on a phone-sized screen the panel fills the viewport and locks page scroll', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 667 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${server.url}/examples/intranet.html`);
    await page.locator('parley-chat [part~="launcher"]').click();
    const panel = page.locator('parley-chat parley-panel');
    await panel.waitFor();
    const box = await panel.boundingBox();
    assert.deepEqual(box, { x: 0, y: 0, width: 375, height: 667 });
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden');
    await page.locator('parley-chat [part~="close"]').click();
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
    await page.close();
  });
});
