import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flatten, mix, parseColor } from '../../src/values/color';

describe('parseColor', () => {
  test('reads every CSS colour syntax and normalises to lower-case hex', () => {
    const cases: [string, string][] = [
      ['#2563EB', '#2563eb'],
      ['#abc', '#aabbcc'],
      ['  rebeccapurple ', '#663399'],
      ['RED', '#ff0000'],
      ['rgb(37 99 235)', '#2563eb'],
      ['rgb(37, 99, 235)', '#2563eb'],
      ['hsl(0deg 100% 50%)', '#ff0000'],
      ['hwb(120 0% 0%)', '#00ff00'],
      ['lab(50% 0 0)', '#777777'],
      ['oklch(1 0 0)', '#ffffff'],
      ['oklab(0 0 0)', '#000000'],
    ];
    for (const [input, expected] of cases)
      assert.deepEqual(parseColor(input), { ok: true, value: expected }, input);
  });

  test('maps wide-gamut colours into sRGB instead of refusing them', () => {
    const result = parseColor('color(display-p3 1 0 0)');
    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value : '', /^#[0-9a-f]{6}$/);
  });

  test('refuses translucent colours unless the token allows alpha', () => {
    assert.equal(parseColor('rgb(0 0 0 / 0.5)').ok, false);
    assert.deepEqual(parseColor('rgb(0 0 0 / 0.5)', { allowAlpha: true }), {
      ok: true,
      value: '#00000080',
    });
    assert.equal(parseColor('transparent').ok, false);
  });

  test('refuses page-dependent keywords, non-strings and lookalikes with a reason', () => {
    for (const input of [
      'currentColor',
      'inherit',
      'unset',
      'not-a-colour',
      '#12',
      '#ggg',
      'rgb(1 2 3',
      42,
      null,
      {},
      [],
    ]) {
      const result = parseColor(input);
      assert.equal(result.ok, false, String(input));
      assert.ok(!result.ok && result.reason.length > 5);
    }
  });
});

describe('mix and flatten', () => {
  test('mix goes from one colour to the other', () => {
    assert.equal(mix('#000000', '#ffffff', 0), '#000000');
    assert.equal(mix('#000000', '#ffffff', 1), '#ffffff');
  });

  test('flatten composites a translucent colour over its backdrop', () => {
    assert.equal(flatten('#00000080', '#ffffff'), '#7f7f7f');
    assert.equal(flatten('#123456', '#ffffff'), '#123456');
  });
});
