import type { Page } from 'playwright-core';

/** The demo tenant's publishable key (CONTRACTS.md). */
export const demoKey = 'pk_test_parley_demo';

/**
 * True when the server answers the demo key's chat (the demo tenant is
 * seeded). Tests that need a real answer skip, saying why, when it is not.
 */
export async function chatAvailable(url: string): Promise<boolean> {
  const response = await fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Parley-Key': demoKey, Origin: url },
    body: JSON.stringify({ message: 'ping' }),
  });
  await response.body?.cancel();
  return (
    response.ok && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')
  );
}

/**
 * Records CSP / Trusted Types violations and page errors from the first
 * script on; read them with `page.evaluate(() => window.__violations)`.
 */
export async function trapViolations(page: Page): Promise<{ pageErrors: string[] }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (event) => {
      list.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return { pageErrors };
}

/** Violations recorded by {@link trapViolations}. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Asks the widget a question through its UI and waits for the finished answer's text. */
export async function ask(
  page: Page,
  question: string,
  widget = page.locator('parley-chat').first(),
) {
  const input = widget.locator('[part~="input"]');
  await input.fill(question);
  await input.press('Enter');
  const answer = widget
    .locator('[part~="message"][data-role="assistant"][data-status="done"]')
    .last();
  await answer.waitFor({ timeout: 15_000 });
  return (await answer.locator('[part~="message-body"]').textContent()) ?? '';
}
