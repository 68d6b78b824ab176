import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startDemoServer } from '../support/server';
import { ask, chatAvailable, trapViolations, violations } from '../support/widget-page';

/** Computed styles that hostile page CSS would most likely change. */
const watched = [
  'font-family',
  'font-size',
  'line-height',
  'color',
  'background-color',
  'letter-spacing',
  'text-transform',
  'transform',
  'filter',
  'opacity',
  'border-top-style',
  'padding-top',
  'display',
  'width',
  'height',
  'outline-style',
];

function styles(locator: Locator): Promise<Record<string, string>> {
  return locator.evaluate((el, names) => {
    const computed = getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, computed.getPropertyValue(n)]));
  }, watched);
}

async function openBubble(page: Page, path: string): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(path);
  await page.locator('parley-chat [part~="launcher"]').click();
  await page.locator('parley-chat [part~="input"]').waitFor();
}

describe('example pages', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let chat = false;

  before(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    chat = await chatAvailable(server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('hr-portal.html: the inline widget fills its box, branded by the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/examples/hr-portal.html`);
    const header = page.locator('parley-chat [part~="header"]');
    await header.waitFor();
    assert.equal(
      await header.evaluate((el) => getComputedStyle(el).backgroundColor),
      'rgb(154, 52, 18)',
    );
    assert.equal(await page.locator('parley-chat [part~="launcher"]').isVisible(), false);
    const box = await page.locator('parley-chat parley-panel').boundingBox();
    const aside = await page.locator('aside.assistant').boundingBox();
    assert.equal(Math.round(box!.height), Math.round(aside!.height));
    await page.close();
  });

  test('the shipped CSS keeps the default z-index exactly (no minifier rounding)', async () => {
    const page = await browser.newPage();
    await openBubble(page, `${server.url}/examples/intranet.html`);
    // Every 2147483xxx-like number in the launcher's and the panel's adopted sheets, as shipped.
    const numbers = await page.evaluate(() => {
      const chat = document.querySelector('parley-chat')!.shadowRoot!;
      const panel = chat.querySelector('parley-panel')!.shadowRoot!;
      const css = [...chat.adoptedStyleSheets, ...panel.adoptedStyleSheets]
        .flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText))
        .join('\n');
      return css.match(/\b21474\d{5}\b/g) ?? [];
    });
    assert.ok(numbers.length >= 2, 'the loader default and the panel fallback');
    assert.deepEqual([...new Set(numbers)], ['2147483000']);
    await page.close();
  });

  test('hostile-css.html: the page’s global CSS does not change the widget', async () => {
    const reference = await browser.newPage();
    await openBubble(reference, `${server.url}/examples/intranet.html`);
    const hostile = await browser.newPage();
    await openBubble(hostile, `${server.url}/examples/hostile-css.html`);
    for (const name of ['launcher', 'header', 'input', 'send', 'greeting', 'title']) {
      const selector = `parley-chat [part~="${name}"]`;
      assert.deepEqual(
        await styles(hostile.locator(selector)),
        await styles(reference.locator(selector)),
        `part ${name}`,
      );
    }
    await reference.close();
    await hostile.close();
  });

  for (const page of ['strict-csp.html', 'trusted-types.html']) {
    test(`${page}: the widget works with no CSP or Trusted Types violation`, async () => {
      const tab = await browser.newPage();
      const { pageErrors } = await trapViolations(tab);
      await openBubble(tab, `${server.url}/examples/${page}`);
      if (chat) await ask(tab, 'Answer with **Markdown**, please.');
      else await tab.locator('parley-chat [part~="greeting"]').waitFor();
      assert.deepEqual(await violations(tab), []);
      assert.deepEqual(pageErrors, []);
      await tab.close();
    });
  }

  test('two-widgets.html: two inline widgets, the script pasted twice warns once', async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${server.url}/examples/two-widgets.html`);
    const widgets = page.locator('parley-chat');
    await widgets.nth(1).locator('[part~="input"]').waitFor();
    await widgets.nth(0).locator('[part~="input"]').waitFor();
    assert.equal(await widgets.count(), 2);
    assert.equal(await page.locator('parley-chat[data-parley-auto]').count(), 0);
    assert.equal(warnings.filter((w) => w.includes('[parley]')).length, 1);
    // The second widget is Spanish: its catalog is a chunk of its own, so the
    // label turns Spanish once that has loaded.
    await widgets.nth(1).locator('[part~="input"][aria-label="Tu mensaje"]').waitFor();
    if (chat) {
      await ask(page, 'Only the first one', widgets.nth(0));
      assert.equal(await widgets.nth(1).locator('[part~="message"]').count(), 0);
    }
    await page.close();
  });

  test('react/: the element renders inside React and survives route changes', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/examples/react/`);
    const input = page.locator('parley-chat [part~="input"]');
    await input.waitFor();
    if (chat) await ask(page, 'Hello from React');
    await page.getByRole('button', { name: 'Plans' }).click();
    await page.getByRole('heading', { name: 'Plans' }).waitFor();
    assert.equal(await page.locator('parley-chat').count(), 0);
    await page.getByRole('button', { name: 'Assistant' }).click();
    await input.waitFor();
    if (chat) {
      await page.locator('parley-chat [part~="message"][data-role="user"]').first().waitFor();
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
