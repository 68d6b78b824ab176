// A node:test reporter that outputs one JSON line of counts
// ({passed, failed, skipped}), so scripts/test-all.mjs can sum every suite.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    const details = event.data?.details;
    // Suites report pass/fail too; count only leaf tests.
    if (details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.skip || event.data.todo) counts.skipped++;
      else counts.passed++;
    } else if (event.type === 'test:fail') {
      counts.failed++;
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
