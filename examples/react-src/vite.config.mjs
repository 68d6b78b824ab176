// Builds the React example into examples/react/ (committed, so the example
// runs without a build step): `npx vite build --config examples/react-src/vite.config.mjs`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: here('../react'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2021',
    // `.min.js`: the repository's formatter and linter skip built bundles by that name.
    rollupOptions: { output: { entryFileNames: 'assets/[name]-[hash].min.js' } },
  },
});
