// Builds the widget into cdn/parley/<version>/ (immutable) and
// cdn/parley/<major>/ (moving alias), and writes manifest.json with SRI hashes:
//   parley.js           classic-script loader (IIFE): launcher, config, window.Parley
//   panel-<hash>.js     the chat panel (ES module), imported on first open
//   launcher-<hash>.js  launcher extras (label, icons, web font), imported
//                       only when the tenant theme uses them
//   esm/parley.mjs      ES module build for bundlers and <script type="module">
//   custom-elements.json
// Two Vite passes, because an IIFE cannot be code-split (TOOLCHAIN.md): the
// panel first, then the loader, which learns the panel's hashed file name
// from a virtual module.
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { writeCustomElementsManifest } from './custom-elements.mjs';

const widgetDir = dirname(dirname(fileURLToPath(import.meta.url)));
const { version } = JSON.parse(readFileSync(join(widgetDir, 'package.json'), 'utf8'));
const major = version.split('.')[0];
const cdnRoot = join(widgetDir, '..', 'cdn', 'parley');
const outDir = join(cdnRoot, version);
const configFile = join(widgetDir, 'vite.config.ts');
const define = { __PARLEY_VERSION__: JSON.stringify(version) };

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// 1. The panel and launcher-extras chunks: ES modules with a content hash in
// their names (they share no code, so no common chunk appears).
// Library mode, because an app build wraps every dynamic import (the locale
// catalogs) in Vite's preload helper (~1 KB gzip) that this chunk never needs;
// library mode skips it but keeps whitespace unless minify is asked for.
const panel = await build({
  configFile,
  root: widgetDir,
  define,
  build: {
    outDir,
    lib: {
      entry: {
        panel: join(widgetDir, 'src/panel-entry.ts'),
        launcher: join(widgetDir, 'src/internal/launcher-extras.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name]-[hash].js',
        chunkFileNames: '[name]-[hash].js',
        minify: true,
        comments: false,
      },
    },
  },
});
const panelOutput = (Array.isArray(panel) ? panel[0] : panel).output;
const entryFile = (name) =>
  panelOutput.find((item) => item.type === 'chunk' && item.isEntry && item.name === name).fileName;
const panelFile = entryFile('panel');
// "Whole widget" is the loader plus this one file: code shared with a lazy
// chunk (sign-in, server history, locales) must not be split into a third
// file the panel would import on every first open.
const panelImports = panelOutput.find((item) => item.fileName === panelFile).imports;
if (panelImports.length) {
  throw new Error(
    `The panel chunk imports ${panelImports.join(', ')}: keep shared code in the panel.`,
  );
}
const extrasFile = entryFile('launcher');
const chunkFile = (name) =>
  panelOutput.find((item) => item.type === 'chunk' && item.name === name)?.fileName;

// 2. The loader: one classic script that imports the panel by its hashed name.
const virtualPanel = {
  name: 'parley-panel-file',
  resolveId: (id) => (id === 'virtual:parley-panel' ? '\0virtual:parley-panel' : undefined),
  load: (id) =>
    id === '\0virtual:parley-panel'
      ? `export const panelFile = ${JSON.stringify(panelFile)}, extrasFile = ${JSON.stringify(extrasFile)};`
      : undefined,
};
await build({
  configFile,
  root: widgetDir,
  define,
  plugins: [virtualPanel],
  build: {
    outDir,
    lib: {
      entry: join(widgetDir, 'src/loader.ts'),
      formats: ['iife'],
      name: 'ParleyLoader',
      fileName: () => 'parley.js',
    },
  },
});

// 3. The ES module build (code-split: the panel loads on first open).
await build({
  configFile,
  root: widgetDir,
  base: './',
  define,
  build: {
    outDir: join(outDir, 'esm'),
    lib: { entry: join(widgetDir, 'src/index.ts'), formats: ['es'], fileName: () => 'parley.mjs' },
  },
});

await writeCustomElementsManifest(widgetDir, [
  join(widgetDir, 'custom-elements.json'),
  join(outDir, 'custom-elements.json'),
]);

const files = {};
for (const name of readdirSync(outDir, { recursive: true }).map(String).sort()) {
  const path = join(outDir, name);
  if (!statSync(path).isFile() || name === 'manifest.json') continue;
  const bytes = readFileSync(path);
  files[name] = {
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}
const manifest = {
  version,
  loader: 'parley.js',
  panel: panelFile,
  launcherExtras: extrasFile,
  // Loaded by the panel only when needed: the company sign-in (tenants with SAML
  // widget sign-in) and the server's copy of a conversation (nothing stored locally).
  signIn: chunkFile('sign-in'),
  serverHistory: chunkFile('server-history'),
  files,
};
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// The example pages embed the versioned loader with `integrity`, exactly as a
// customer would; keep their hashes in step with this build.
const examplesDir = join(widgetDir, '..', 'examples');
const loaderTag = new RegExp(
  `(<script src="/cdn/parley/${version.replaceAll('.', '\\.')}/parley\\.js"[^>]*integrity=")[^"]*(")`,
  'g',
);
for (const name of readdirSync(examplesDir).filter((f) => f.endsWith('.html'))) {
  const path = join(examplesDir, name);
  const page = readFileSync(path, 'utf8');
  const updated = page.replace(loaderTag, `$1${files['parley.js'].integrity}$2`);
  if (updated !== page) writeFileSync(path, updated);
}

const aliasDir = join(cdnRoot, major);
rmSync(aliasDir, { recursive: true, force: true });
cpSync(outDir, aliasDir, { recursive: true });

for (const [name, info] of Object.entries(files)) {
  if (name.endsWith('.map') || name.startsWith('esm/')) continue;
  console.log(
    `  ${relative(process.cwd(), join(outDir, name))}  ${info.bytes} B, ${info.gzipBytes} B gzip`,
  );
}
