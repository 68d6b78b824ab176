import { demoAdmin } from '@parley/server';
import type { Page } from 'playwright-core';

/**
 * Opens `url` (a console address) and signs in with the demo admin's email
 * and password, as a person would; the console then shows `url` itself.
 */
export async function signInToConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(demoAdmin.email);
  await page.getByLabel('Password').fill(demoAdmin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
