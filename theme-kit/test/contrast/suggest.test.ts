import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nearestPassingShade, onColor } from '../../src/contrast/suggest';
import { contrastRatio } from '../../src/contrast/wcag';
import { oklchOf } from '../../src/values/color';

describe('nearestPassingShade', () => {
  test('returns a passing colour unchanged', () => {
    assert.equal(nearestPassingShade('#111827', '#ffffff', 4.5), '#111827');
  });

  test('darkens on a light background and lightens on a dark one, just enough', () => {
    const onWhite = nearestPassingShade('#facc15', '#ffffff', 4.5);
    assert.ok(contrastRatio(onWhite, '#ffffff') >= 4.5);
    assert.ok(contrastRatio(onWhite, '#ffffff') < 4.7, 'not much darker than needed');
    assert.ok(oklchOf(onWhite).l < oklchOf('#facc15').l);
    const onBlack = nearestPassingShade('#1e3a8a', '#0b0b0b', 4.5);
    assert.ok(contrastRatio(onBlack, '#0b0b0b') >= 4.5);
    assert.ok(oklchOf(onBlack).l > oklchOf('#1e3a8a').l);
  });

  test('keeps the hue', () => {
    const original = oklchOf('#2563eb');
    const fixed = oklchOf(nearestPassingShade('#2563eb', '#1e293b', 4.5));
    assert.ok(Math.abs(fixed.h - original.h) < 8, `hue ${original.h} → ${fixed.h}`);
  });

  test('picks the nearer direction on a mid-grey background', () => {
    const bg = '#777777';
    const fixed = nearestPassingShade('#6a6a6a', bg, 3);
    assert.ok(contrastRatio(fixed, bg) >= 3);
    assert.ok(oklchOf(fixed).l < oklchOf('#6a6a6a').l, 'darker is nearer than white here');
  });

  test('falls back to black or white when no shade of the hue can pass', () => {
    assert.equal(nearestPassingShade('#ff0000', '#ffffff', 21), '#000000');
  });
});

describe('onColor', () => {
  test('white on dark and saturated colours, near-black on light ones', () => {
    assert.equal(onColor('#2563eb'), '#ffffff');
    assert.equal(onColor('#0b3d91'), '#ffffff');
    assert.equal(onColor('#facc15'), '#111111');
    assert.equal(onColor('#ffffff'), '#111111');
  });
});
