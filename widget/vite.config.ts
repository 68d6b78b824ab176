import { defineConfig } from 'vite';

/**
 * Shared Vite settings for the widget. `scripts/build.mjs` runs Vite once per
 * output (the classic-script loader cannot be code-split in one pass).
 */
export default defineConfig({
  logLevel: 'warn',
  build: {
    target: 'es2021',
    sourcemap: true,
    emptyOutDir: false,
    reportCompressedSize: false,
  },
});
