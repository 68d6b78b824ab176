// Runs every suite in order and ends with one line summing them all:
// "N passed, N failed, N skipped". Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function findTests(dir, pattern) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f) && !f.includes('node_modules'))
    .map((f) => relative(root, join(abs, f)))
    .sort();
}

function step(name, command, args, countsFile, env = {}) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (countsFile && existsSync(countsFile)) {
    const text = readFileSync(countsFile, 'utf8').trim();
    const counts = text
      ? JSON.parse(text.split('\n').at(-1))
      : { passed: 0, failed: 1, skipped: 0 };
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
    console.log(
      `  ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds}s)`,
    );
  } else {
    console.log(`  ${name}: ${status === 0 ? 'ok' : 'failed'} (${seconds}s)`);
  }
  if (status !== 0) failures.push(name);
}

function nodeTests(name, files, extra = []) {
  if (files.length === 0) return;
  const countsFile = join(results, `${name}.json`);
  step(
    name,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      // A leaked socket or timer must not hang CI: exit when the tests are
      // done, and fail any single test that runs past two minutes.
      '--test-force-exit',
      '--test-timeout=120000',
      ...extra,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-count-reporter.mjs',
      '--test-reporter-destination=/dev/null',
      ...files,
    ],
    countsFile,
    { PARLEY_TEST_COUNTS_FILE: countsFile },
  );
}

const bin = (tool) => join(root, 'node_modules', '.bin', tool);

step('lint', bin('biome'), ['check', '.']);
step('typecheck', bin('tsc'), ['-b']);
nodeTests('theme-kit', findTests('theme-kit/test', /\.test\.ts$/));
nodeTests('server', findTests('server/test', /\.test\.ts$/));
step(
  'widget',
  bin('web-test-runner'),
  ['--config', 'widget/web-test-runner.config.mjs'],
  join(results, 'widget.json'),
);
nodeTests('e2e', findTests('test', /\.test\.ts$/), ['--test-concurrency=1']);

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
