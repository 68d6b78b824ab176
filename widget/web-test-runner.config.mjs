// @web/test-runner in Debian's Chromium (no browser download). See TOOLCHAIN.md.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from '../scripts/wtr-count-reporter.mjs';
import { fakeChatApi } from './test-support/fake-chat-api.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  rootDir: here('..'),
  files: [here('src/**/*.test.ts')],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('tsconfig.json') })],
  middleware: [fakeChatApi],
  reporters: [defaultReporter(), countReporter(here('../.test-results/widget.json'))],
};
