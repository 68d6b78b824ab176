import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { type AppDeps, createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

/** Starts the app on a free port for one test; closes it when the test ends. */
export async function startApp(
  t: TestContext,
  overrides: Partial<AppDeps> = {},
): Promise<{ url: string }> {
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', PORT: '0' });
  const app = createApp({
    config,
    logger: createLogger('silent'),
    readinessChecks: [],
    ...overrides,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}` };
}
