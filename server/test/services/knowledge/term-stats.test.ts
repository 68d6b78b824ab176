import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lexicalFeatures, TermStatistics } from '../../../src/services/knowledge/term-stats';

test('document frequencies, IDF and average length follow additions and removals', () => {
  const stats = new TermStatistics();
  const a = lexicalFeatures('Dental plan covers crowns.');
  const b = lexicalFeatures('Medical plan covers surgery.');
  stats.update(a, 1);
  stats.update(b, 1);
  assert.equal(stats.chunks, 2);
  assert.equal(stats.documentFrequency('w:plan'), 2);
  assert.equal(stats.documentFrequency('w:dental'), 1);
  assert.equal(stats.documentFrequency('w:unseen'), 0);
  assert.ok(stats.idf('w:dental') > stats.idf('w:plan'));
  assert.ok(stats.idf('w:plan') > 0, 'IDF stays positive');
  assert.equal(stats.averageLength(), (a.length + b.length) / 2);
  stats.update(a, -1);
  assert.equal(stats.chunks, 1);
  assert.equal(stats.documentFrequency('w:dental'), 0);
  assert.equal(stats.documentFrequency('w:plan'), 1);
});

test('statistics survive a round trip through bytes', () => {
  const stats = new TermStatistics();
  stats.update(lexicalFeatures('Call 1-800-555-0142 for counseling.'), 1);
  const restored = TermStatistics.from({
    chunks: stats.chunks,
    totalLength: stats.totalLength,
    counts: Uint8Array.from(stats.countsBytes()),
  });
  assert.equal(restored.documentFrequency('w:counsel'), 1);
  assert.equal(restored.documentFrequency('t:phone'), 1, 'answer types are counted too');
  assert.equal(
    TermStatistics.from({ chunks: 3, totalLength: 9, counts: new Uint8Array(8) }).chunks,
    0,
  );
});
