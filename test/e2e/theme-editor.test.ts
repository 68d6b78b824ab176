import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { accessibilityViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { signInToConsole } from '../support/console';
import { startDemoServer } from '../support/server';

const built = (path: string) =>
  existsSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)));
const ready = built('server/console/dist/index.html') && built('cdn/parley/0/parley.js');

/** The launcher's computed background inside a page or a preview frame, once it differs from `not`. */
async function launcherColour(target: Page | Frame, not?: string): Promise<string> {
  const handle = await target.waitForFunction(
    (previous) => {
      const launcher = document
        .querySelector('parley-chat')
        ?.shadowRoot?.querySelector('[part~="launcher"]');
      const colour = launcher && getComputedStyle(launcher).backgroundColor;
      return colour && colour !== previous ? colour : null;
    },
    not ?? null,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as string;
}

/** The text box of the light-mode brand colour (its label says "(automatic)" until it is set). */
function brandColour(page: Page) {
  return page.getByRole('textbox', { name: /^Brand colour( \(automatic\))?$/ });
}

describe('theme editor (/admin/theme)', {
  skip: ready ? false : 'console or widget not built (npm run build)',
}, () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // bypassCSP only so the test can inject axe; the console runs under its strict CSP.
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1400, height: 1000 },
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await signInToConsole(page, `${server.url}/admin`);
    await page.getByRole('navigation').getByRole('link', { name: 'Theme' }).click();
    await page.getByRole('heading', { name: 'Theme', level: 1 }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('changing the brand colour recolours the live preview’s launcher at once', async () => {
    const frame = page.frameLocator('iframe[data-preview="bubble"]');
    await frame.locator('html[data-sample="ready"]').waitFor({ timeout: 20_000 });
    const preview = page
      .frames()
      .find((f) => f.url().includes('/theme-preview/frame?mode=bubble'))!;
    const before = await launcherColour(preview);
    assert.equal(before, 'rgb(37, 99, 235)');
    const brand = brandColour(page);
    await brand.fill('#b91c1c');
    assert.equal(await launcherColour(preview, before), 'rgb(185, 28, 28)');
    // The sample conversation is really there: the user's bubble has the new colour too.
    const bubble = await preview.evaluate(() => {
      const panel = document
        .querySelector('parley-chat')
        ?.shadowRoot?.querySelector('parley-panel');
      const message = panel?.shadowRoot?.querySelector('[part~="message"][data-role="user"]');
      return message ? getComputedStyle(message).backgroundColor : null;
    });
    assert.equal(bubble, 'rgb(185, 28, 28)');
  });

  test('a failing contrast shows inline, and its suggestion fixes it', async () => {
    const brand = brandColour(page);
    await brand.fill('#fde68a');
    // A pale yellow brand colour cannot stand out against the white panel (WCAG 1.4.11).
    const warning = page
      .locator('[data-token="color-primary"][data-scope="tokens"] [data-contrast-warning]')
      .filter({ hasText: 'Brand-coloured buttons against the panel' });
    await warning.waitFor();
    const suggested = ((await warning.getByRole('button').textContent()) ?? '')
      .replace(/^.*Use /s, '')
      .trim();
    await warning.getByRole('button').click();
    await warning.waitFor({ state: 'detached' });
    assert.equal(await brand.inputValue(), suggested);
    // Undo twice: the suggestion, then the yellow; back to the red of the previous test.
    // The input follows the store on the next render: poll briefly rather than read at once.
    const settled = async (expected: string) => {
      for (let i = 0; i < 40 && (await brand.inputValue()) !== expected; i++) {
        await page.waitForTimeout(50);
      }
      return brand.inputValue();
    };
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.equal(await settled('#fde68a'), '#fde68a');
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.equal(await settled('#b91c1c'), '#b91c1c');
  });

  test('the editor has no serious accessibility violations and works from the keyboard', async () => {
    assert.deepEqual(await accessibilityViolations(page, { exclude: [['iframe']] }), []);
    await page.getByRole('radio', { name: 'Mobile' }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getByRole('radio', { name: 'Inline' }).isChecked(), true);
    await page.frameLocator('iframe[data-preview="inline"]').locator('parley-chat').waitFor();
  });

  test('saving publishes the theme: a page with the widget shows it after a reload', async () => {
    // Wait for this save's answer: an earlier save's toast may still be on screen.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/theme') && r.request().method() === 'PUT' && r.ok(),
    );
    await page.getByRole('button', { name: 'Save theme' }).click();
    await saved;
    const visitor = await browser.newContext();
    const site = await visitor.newPage();
    await site.goto(`${server.url}/examples/intranet.html`);
    assert.equal(await launcherColour(site, 'rgb(37, 99, 235)'), 'rgb(185, 28, 28)');
    await site.reload();
    assert.equal(await launcherColour(site), 'rgb(185, 28, 28)');
    await visitor.close();
    assert.deepEqual(errors, []);
  });

  test('bot name, launcher label and position show in the preview and, once saved, on a page with the widget', async () => {
    // The radio is visually hidden under its segment (and the sticky toolbar may cover it).
    await page
      .getByRole('radio', { name: 'Bubble' })
      .evaluate((radio: HTMLInputElement) => radio.click());
    assert.equal(await page.getByRole('radio', { name: 'Bubble' }).isChecked(), true);
    await page.getByLabel('Assistant name').fill('Benefits Buddy');
    await page.getByLabel('Assistant name').press('Tab');
    await page.getByLabel('Label', { exact: true }).fill('Ask HR');
    await page.getByLabel('Label', { exact: true }).press('Tab');
    await page.getByLabel('Position').selectOption('bottom-left');
    const preview = page
      .frames()
      .find((f) => f.url().includes('/theme-preview/frame?mode=bubble'))!;
    assert.deepEqual(await brandedWidget(preview), {
      label: 'Ask HR',
      launcherName: 'Ask HR',
      left: true,
      title: 'Benefits Buddy',
    });
    // Wait for this save's answer: an earlier save's toast may still be on screen.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/theme') && r.request().method() === 'PUT' && r.ok(),
    );
    await page.getByRole('button', { name: 'Save theme' }).click();
    await saved;
    const visitor = await browser.newContext();
    const site = await visitor.newPage();
    await site.goto(`${server.url}/examples/intranet.html`);
    assert.deepEqual(await brandedWidget(site), {
      label: 'Ask HR',
      launcherName: 'Ask HR',
      left: true,
      title: 'Benefits Buddy',
    });
    await visitor.close();
    assert.deepEqual(errors, []);
  });
});

/**
 * What a visitor sees of the theme's non-CSS settings: with the panel closed,
 * the launcher's label, accessible name and side of the screen; with it open,
 * the panel title. Toggles the launcher once to see both states (the preview
 * frame starts open with its sample question, a customer page closed).
 */
async function brandedWidget(target: Page | Frame) {
  await target.waitForFunction(
    () =>
      document
        .querySelector('parley-chat')
        ?.shadowRoot?.querySelector<HTMLElement>('[part~="base"]')?.dataset.position ===
      'bottom-left',
    null,
    { timeout: 15_000 },
  );
  // A closed launcher gains its label when the launcher-extras chunk has
  // loaded, which may be after the position is applied.
  await target.waitForFunction(
    () => {
      const chat = document.querySelector('parley-chat');
      return (
        chat?.hasAttribute('open') || chat?.shadowRoot?.querySelector('[part~="launcher-label"]')
      );
    },
    null,
    { timeout: 15_000 },
  );
  const state = () =>
    target.evaluate(() => {
      const chat = document.querySelector('parley-chat')!;
      const launcher = chat.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!;
      const title = chat
        .shadowRoot!.querySelector('parley-panel')
        ?.shadowRoot?.querySelector('[part~="title"]');
      return {
        open: chat.hasAttribute('open'),
        label: chat.shadowRoot!.querySelector('[part~="launcher-label"]')?.textContent ?? null,
        launcherName: launcher.getAttribute('aria-label'),
        left: launcher.getBoundingClientRect().right < window.innerWidth / 2,
        title: title?.textContent ?? null,
      };
    });
  const first = await state();
  await target.evaluate(() =>
    document
      .querySelector('parley-chat')!
      .shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!
      .click(),
  );
  await target.waitForFunction(
    (wasOpen) => {
      const root = document.querySelector('parley-chat')?.shadowRoot;
      return wasOpen
        ? root?.querySelector('[part~="launcher-label"]')
        : root?.querySelector('parley-panel')?.shadowRoot?.querySelector('[part~="title"]');
    },
    first.open,
    { timeout: 15_000 },
  );
  const second = await state();
  const [closed, opened] = first.open ? [second, first] : [first, second];
  return {
    label: closed.label,
    launcherName: closed.launcherName,
    left: closed.left,
    title: opened.title,
  };
}
