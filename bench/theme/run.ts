// Cost of theming: theme-kit's validation and CSS generation, the widget
// config's theme block (memoised per revision), and over HTTP on the
// embedded store: GET /v1/widget/config and PUT /api/theme.
// Reproduce: node --import tsx bench/theme/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { connectMongo } from '../../server/src/db/connect';
import { startEmbeddedMongo } from '../../server/src/db/embedded/index';
import { demoPublishableKey, seedDemo } from '../../server/src/demo/seed';
import { createLogger } from '../../server/src/logger';
import { createAccessServices } from '../../server/src/services/tenants/access';
import { widgetThemePayload } from '../../server/src/services/theme/widget-payload';
import {
  checkContrast,
  listPresets,
  presetTheme,
  themeToCss,
  themeToTokens,
  tokenNames,
  validateTheme,
} from '../../theme-kit/src/index';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `fn` n times after a warm-up; returns the mean in microseconds. */
function perCall(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(50, n); i++) fn(i);
  const started = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - started) / n) * 1000;
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<string> {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return `p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms (${n} requests)`;
}

async function main() {
  const warm = presetTheme('warm')!;
  const input = JSON.parse(JSON.stringify(warm));
  const us = (n: number) => `${n.toFixed(1)} µs`;
  console.log(
    `validateTheme (warm preset as JSON): ${us(perCall(2000, () => validateTheme(input)))} per call`,
  );
  const hostile = {
    version: 1,
    tokens: { 'color-primary': 'red;}body{', radius: 'expression(1)' },
  };
  console.log(
    `validateTheme (hostile, refused): ${us(perCall(2000, () => validateTheme(hostile)))} per call`,
  );
  const themes = listPresets().map((p) => p.theme);
  console.log(
    `themeToCss (all ${tokenNames.length} variables, light + dark): ${us(perCall(300, (i) => themeToCss(themes[i % themes.length]!)))} per call`,
  );
  console.log(
    `checkContrast (13 pairs × 2 modes, with suggestions): ${us(perCall(300, (i) => checkContrast(themeToTokens(themes[i % themes.length]!))))} per call`,
  );
  const tenant = (revision: number) => ({
    _id: 'bench',
    theme: { revision, theme: warm, updatedAt: new Date(revision) },
  });
  const options = { publicUrl: 'https://parley.example.com' };
  console.log(
    `widgetThemePayload, new revision each call: ${us(perCall(300, (i) => widgetThemePayload(tenant(i + 1_000_000), options)))} per call`,
  );
  console.log(
    `widgetThemePayload, memoised revision: ${us(perCall(20_000, () => widgetThemePayload(tenant(1), options)))} per call`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-theme-'));
  const store = await startEmbeddedMongo({ dir });
  const database = await connectMongo(`${store.uri}parley_bench`);
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', PORT: '0', PARLEY_DATA_DIR: dir });
  const seeded = await seedDemo(database.connection, { publicUrl: 'http://localhost:8787' });
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: config.publicUrl,
  });
  const { secret } = await access.keys.create(seeded.tenantId, {
    kind: 'secret',
    mode: 'test',
    scopes: ['*'],
  });
  const app = createApp({ config, logger: createLogger('silent'), readinessChecks: [], database });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const put = (i: number) =>
    fetch(`${url}/api/theme`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...input, tokens: { ...input.tokens, radius: `${(i % 30) + 1}px` } }),
    }).then((r) => r.arrayBuffer());
  console.log(
    `PUT /api/theme (validate, compare-and-set, history row, audit): ${await timed(200, put)}`,
  );
  const headers = { 'x-parley-key': demoPublishableKey, origin: 'http://localhost:3000' };
  const get = () => fetch(`${url}/v1/widget/config`, { headers }).then((r) => r.arrayBuffer());
  console.log(`GET /v1/widget/config (saved theme, memoised): ${await timed(500, get)}`);

  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log('reproduce: node --import tsx bench/theme/run.ts');
}

await main();
