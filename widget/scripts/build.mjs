// Builds the widget into cdn/parley/<version>/ (immutable) and
// cdn/parley/<major>/ (moving alias), and writes manifest.json with SRI hashes.
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

const widgetDir = dirname(dirname(fileURLToPath(import.meta.url)));
const { version } = JSON.parse(readFileSync(join(widgetDir, 'package.json'), 'utf8'));
const major = version.split('.')[0];
const cdnRoot = join(widgetDir, '..', 'cdn', 'parley');
const outDir = join(cdnRoot, version);
const configFile = join(widgetDir, 'vite.config.ts');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const define = { __PARLEY_VERSION__: JSON.stringify(version) };

// 1. The classic script customers paste: one self-contained IIFE.
await build({
  configFile,
  root: widgetDir,
  define,
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
// 2. The ES module for bundlers and `<script type="module">`.
await build({
  configFile,
  root: widgetDir,
  define,
  build: {
    outDir,
    lib: { entry: join(widgetDir, 'src/index.ts'), formats: ['es'], fileName: () => 'parley.mjs' },
  },
});

const files = {};
for (const name of readdirSync(outDir).sort()) {
  const path = join(outDir, name);
  if (!statSync(path).isFile() || name === 'manifest.json') continue;
  const bytes = readFileSync(path);
  files[name] = {
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ version, files }, null, 2)}\n`);

const aliasDir = join(cdnRoot, major);
rmSync(aliasDir, { recursive: true, force: true });
cpSync(outDir, aliasDir, { recursive: true });

for (const [name, info] of Object.entries(files)) {
  if (name.endsWith('.map')) continue;
  console.log(
    `  ${relative(process.cwd(), join(outDir, name))}  ${info.bytes} B, ${info.gzipBytes} B gzip`,
  );
}
