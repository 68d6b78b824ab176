// A node:test reporter that keeps {passed, failed, skipped} in the JSON file
// named by PARLEY_TEST_COUNTS_FILE, so scripts/test-all.mjs can sum every
// suite. It writes synchronously after each result because
// --test-force-exit ends the process before a reporter stream would flush.
import { writeFileSync } from 'node:fs';

export default async function* countReporter(source) {
  const file = process.env.PARLEY_TEST_COUNTS_FILE;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const save = () => file && writeFileSync(file, `${JSON.stringify(counts)}\n`);
  save();
  for await (const event of source) {
    // Suites report pass/fail too; count only leaf tests.
    if (event.data?.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.skip || event.data.todo) counts.skipped++;
      else counts.passed++;
      save();
    } else if (event.type === 'test:fail') {
      counts.failed++;
      save();
    }
  }
  yield '';
}
