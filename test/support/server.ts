import type { AddressInfo } from 'node:net';
import { createApp, createLogger, loadConfig } from '@parley/server';

/** Starts the real Parley app in demo mode on a free port. */
export async function startDemoServer(
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', PORT: '0', ...env });
  const app = createApp({ config, logger: createLogger('silent'), readinessChecks: [] });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
