import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../__snapshots__/', import.meta.url);

/**
 * Compares text with a stored snapshot under test/__snapshots__/. Run with
 * UPDATE_SNAPSHOTS=1 to (re)write them after an intended change; a missing
 * snapshot fails rather than being created silently.
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = new URL(name, dir);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing: run with UPDATE_SNAPSHOTS=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs`);
}
