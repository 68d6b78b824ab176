// Runs every benchmark (bench/<area>/run.ts) one after another; each prints
// its own figures and the command that reproduces it. `npm run bench -- store`
// runs only the named areas.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const areas = readdirSync(join(root, 'bench'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'bench', entry.name, 'run.ts')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
let failed = 0;
for (const area of areas) {
  console.log(`\n▶ bench/${area}: node --import tsx bench/${area}/run.ts`);
  const { status } = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('bench', area, 'run.ts')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
