import { type Browser, chromium } from 'playwright-core';

/** Chromium flags that work on these machines (no sandbox as root, no background network). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Debian's Chromium through playwright-core; never downloads a
 * browser. A launch that has not answered in 30 s is tried once more: a
 * start-up that hangs (seen once in CI, never reproduced) would otherwise
 * sit until the test's 2-minute timeout and fail the whole file.
 */
export async function launchChromium(): Promise<Browser> {
  const launch = () =>
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      timeout: 30_000,
    });
  try {
    return await launch();
  } catch (error) {
    console.error(`Chromium did not start, trying once more: ${(error as Error).message}`);
    return launch();
  }
}
