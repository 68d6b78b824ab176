import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrastRatio, meetsContrast, relativeLuminance } from '../../src/contrast/wcag';

const round2 = (n: number) => Math.round(n * 100) / 100;

describe('WCAG 2.1 contrast', () => {
  test('relative luminance of the reference colours', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    assert.equal(relativeLuminance('#ff0000'), 0.2126);
    assert.equal(round2(relativeLuminance('#808080')), 0.22);
  });

  test('ratios of known pairs (as published by WebAIM and the WCAG examples)', () => {
    const pairs: [string, string, number][] = [
      ['#000000', '#ffffff', 21],
      ['#ffffff', '#ffffff', 1],
      ['#777777', '#ffffff', 4.48],
      ['#767676', '#ffffff', 4.54],
      ['#595959', '#ffffff', 7],
      ['#2563eb', '#ffffff', 5.17],
      ['#ff0000', '#ffffff', 4],
      ['#0000ff', '#ffffff', 8.59],
      ['#ffff00', '#000000', 19.56],
    ];
    for (const [a, b, expected] of pairs)
      assert.equal(round2(contrastRatio(a, b)), expected, `${a} on ${b}`);
  });

  test('is symmetric', () => {
    assert.equal(contrastRatio('#2563eb', '#f0f0f0'), contrastRatio('#f0f0f0', '#2563eb'));
  });

  test('thresholds: 4.5 for text, 3 for large text and UI, compared unrounded', () => {
    assert.equal(meetsContrast('#777777', '#ffffff', 'text'), false);
    assert.equal(meetsContrast('#767676', '#ffffff', 'text'), true);
    assert.equal(meetsContrast('#959595', '#ffffff', 'ui'), false);
    assert.equal(meetsContrast('#959595', '#ffffff', 'large-text'), false);
    assert.equal(meetsContrast('#949494', '#ffffff', 'ui'), true);
  });
});
