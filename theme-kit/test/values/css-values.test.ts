import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFontFamily, parseLength, parseNumber, parseText } from '../../src/values/css-values';

const ok = (value: string) => ({ ok: true, value });

describe('parseLength', () => {
  const rule = { min: 0, max: 96 };

  test('accepts px, rem, em and bare numbers, normalised', () => {
    assert.deepEqual(parseLength('56px', rule), ok('56px'));
    assert.deepEqual(parseLength(' 3.5REM ', rule), ok('3.5rem'));
    assert.deepEqual(parseLength(56, rule), ok('56px'));
    assert.deepEqual(parseLength('0px', rule), ok('0'));
    assert.deepEqual(parseLength('.5em', rule), ok('0.5em'));
  });

  test('bounds are checked in px, rem counted as 16px', () => {
    assert.equal(parseLength('97px', rule).ok, false);
    assert.equal(parseLength('7rem', rule).ok, false);
    assert.deepEqual(parseLength('6rem', rule), ok('6rem'));
  });

  test('percentages only where the rule allows them', () => {
    assert.equal(parseLength('50%', rule).ok, false);
    assert.deepEqual(parseLength('50%', { ...rule, percent: { min: 0, max: 50 } }), ok('50%'));
    assert.equal(parseLength('51%', { ...rule, percent: { min: 0, max: 50 } }).ok, false);
  });

  test('refuses other units, negative numbers, expressions and non-numbers', () => {
    for (const input of [
      '12vw',
      '-4px',
      'calc(1px + 2px)',
      '1e3px',
      '12 px',
      'Infinity',
      NaN,
      '',
      true,
    ]) {
      assert.equal(parseLength(input, rule).ok, false, String(input));
    }
  });
});

describe('parseNumber', () => {
  test('accepts numbers and numeric text within bounds', () => {
    assert.deepEqual(parseNumber(1.25, { min: 0.5, max: 2 }), ok('1.25'));
    assert.deepEqual(parseNumber(' 1.5 ', { min: 0.5, max: 2 }), ok('1.5'));
  });

  test('refuses out-of-range, fractional integers, and non-finite values', () => {
    assert.equal(parseNumber(3, { min: 0, max: 2 }).ok, false);
    assert.equal(parseNumber(1.5, { min: 0, max: 9, integer: true }).ok, false);
    assert.equal(parseNumber(Number.POSITIVE_INFINITY, { min: 0, max: 9 }).ok, false);
    assert.equal(parseNumber('1+1', { min: 0, max: 9 }).ok, false);
  });
});

describe('parseFontFamily', () => {
  test('re-serialises names: generics bare, everything else single-quoted', () => {
    assert.deepEqual(
      parseFontFamily('Inter, "Helvetica Neue", Arial, SANS-SERIF'),
      ok("'Inter', 'Helvetica Neue', 'Arial', sans-serif"),
    );
    assert.deepEqual(
      parseFontFamily('system-ui,-apple-system,blinkmacsystemfont'),
      ok('system-ui, -apple-system, BlinkMacSystemFont'),
    );
    assert.deepEqual(
      parseFontFamily("'Noto Sans JP', 'ヒラギノ角ゴ'"),
      ok("'Noto Sans JP', 'ヒラギノ角ゴ'"),
    );
  });

  test('refuses functions, empty entries, unquoted names starting with digits and odd characters', () => {
    for (const input of [
      'Inter,,Arial',
      'var(--x)',
      '3Dumb',
      'Comic$Sans',
      "O'Reilly",
      '',
      'a'.repeat(301),
    ]) {
      assert.equal(parseFontFamily(input).ok, false, input);
    }
  });
});

describe('parseText', () => {
  test('trims and collapses spaces', () => {
    assert.deepEqual(parseText('  Ask   HR  ', { max: 20 }), ok('Ask HR'));
  });

  test('refuses control and bidi characters, markup brackets and overlong text', () => {
    for (const input of ['a\u0000b', 'evil\u202Egnp.exe', '<b>hi</b>', 'x'.repeat(21), '   ']) {
      assert.equal(parseText(input, { max: 20 }).ok, false, JSON.stringify(input));
    }
  });

  test('counts characters, not UTF-16 units', () => {
    assert.equal(parseText('🙂'.repeat(20), { max: 20 }).ok, true);
  });
});
