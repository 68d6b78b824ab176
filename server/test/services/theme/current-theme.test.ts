import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIfMatch, revisionEtag } from '../../../src/services/theme/current-theme';

describe('revision entity tags', () => {
  test('round-trip through If-Match, weak or strong', () => {
    assert.equal(revisionEtag(12), '"r12"');
    assert.equal(parseIfMatch('"r12"'), 12);
    assert.equal(parseIfMatch(' W/"r3" '), 3);
  });

  test('absent or * means no precondition; anything else is unreadable', () => {
    assert.equal(parseIfMatch(undefined), undefined);
    assert.equal(parseIfMatch('*'), undefined);
    for (const header of ['r12', '"12"', '"r-1"', '"r1", "r2"', '']) {
      assert.ok(Number.isNaN(parseIfMatch(header)), header);
    }
  });
});
