// Sets up what a fresh clone lacks before `npm start` / `npm test`:
// dependencies (npm ci when the lockfile changed), the widget and console
// builds (when sources are newer), and Debian's Chromium for browser tests.
// Uses only Node built-ins: it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const run = (cmd, argv, opts = {}) =>
  execFileSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });
const log = (msg) => console.error(`[setup] ${msg}`);

function ensureDependencies() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(root, 'node_modules', '.parley-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  // `npm install`, not `npm ci`: this registry mirror lacks some other
  // platforms' optional binaries (e.g. @biomejs/cli-darwin-*), so the lockfile
  // cannot list them and `npm ci` refuses it as "out of sync". `npm install`
  // still installs the locked versions.
  log('installing dependencies (npm install from the lockfile)…');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, hash);
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(name, sources, output, command) {
  const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (builtAt >= changedAt) return;
  log(`building ${name}…`);
  run('npm', ['run', '--silent', 'build', `--workspace=${command}`]);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      '[setup] Chromium is needed for the browser tests but /usr/bin/chromium is missing.\n' +
        '        Install it with: sudo apt-get update && sudo apt-get install -y chromium',
    );
    process.exit(1);
  }
  log('installing Chromium from Debian (apt-get)…');
  run('apt-get', ['update', '-qq']);
  run(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
    {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
}

ensureDependencies();
if (args.has('--build')) {
  const version = JSON.parse(readFileSync(join(root, 'widget/package.json'), 'utf8')).version;
  ensureBuilt(
    'widget',
    ['widget/src', 'widget/scripts', 'widget/package.json', 'theme-kit/src'],
    join(root, 'cdn/parley', version, 'manifest.json'),
    '@parley/widget',
  );
  ensureBuilt(
    'admin console',
    [
      'server/console/src',
      'server/console/index.html',
      'server/console/vite.config.ts',
      'theme-kit/src',
    ],
    join(root, 'server/console/dist/index.html'),
    '@parley/server',
  );
}
if (args.has('--browser')) ensureChromium();
