import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Whether the admin console has been built (console suites skip with a reason otherwise). */
export const consoleBuilt = existsSync(
  fileURLToPath(new URL('../../server/console/dist/index.html', import.meta.url)),
);

interface AxeResults {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/**
 * Serious or critical axe violations on the page, as "rule: target" strings.
 * `exclude` takes axe selectors to leave out (e.g. `[['iframe']]` for the
 * theme editor's preview frames, which hold the widget and its own suite).
 */
export async function accessibilityViolations(
  page: Page | Frame,
  options: { exclude?: string[][] } = {},
): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: object): Promise<AxeResults> } }
    ).axe;
    return axe.run(exclude ? { exclude } : document, { resultTypes: ['violations'] });
  }, options.exclude);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
