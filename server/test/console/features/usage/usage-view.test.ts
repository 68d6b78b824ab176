import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chartBars,
  formatBytes,
  meter,
  monthName,
  niceMax,
} from '../../../../console/src/features/usage/usage-view';

test('meters warn at 80 % and fill at 100 %; unlimited has no bar', () => {
  assert.deepEqual(meter(50, 200), { percent: 25, tone: 'ok', label: '50 of 200' });
  assert.equal(meter(160, 200).tone, 'warning');
  assert.deepEqual(meter(230, 200), { percent: 100, tone: 'danger', label: '230 of 200' });
  assert.deepEqual(meter(7, null), { percent: null, tone: 'ok', label: '7 (unlimited)' });
  assert.equal(meter(0, 0).tone, 'ok');
  assert.equal(meter(3 * 1024 * 1024, 50 * 1024 * 1024, formatBytes).label, '3.0 MB of 50 MB');
});

test('bytes are shown in readable units', () => {
  assert.equal(formatBytes(512), '512 bytes');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(52_428_800), '50 MB');
  assert.equal(formatBytes(5_368_709_120), '5.0 GB');
});

test('the chart scales to a round maximum and lays bars left to right', () => {
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(7), 10);
  assert.equal(niceMax(130), 200);
  assert.equal(niceMax(450), 500);
  const { bars, max } = chartBars(
    [
      { day: '2026-11-19', value: 0 },
      { day: '2026-11-20', value: 40 },
      { day: '2026-11-21', value: 100 },
    ],
    300,
    100,
  );
  assert.equal(max, 100);
  assert.deepEqual(
    bars.map((b) => [b.day, Math.round(b.x), Math.round(b.height), Math.round(b.y)]),
    [
      ['2026-11-19', 2, 0, 100],
      ['2026-11-20', 102, 40, 60],
      ['2026-11-21', 202, 100, 0],
    ],
  );
  assert.ok(bars.every((b) => b.width > 0));
});

test('quota periods read as month names', () => {
  assert.equal(monthName('2026-11', 'en-US'), 'November 2026');
  assert.equal(monthName('2027-01', 'en-US'), 'January 2027');
});
