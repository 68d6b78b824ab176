import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenParser } from '../../src/schema/theme-schema';
import {
  isTokenName,
  tokenNames,
  tokenPrefix,
  tokenSpec,
  tokenSpecs,
} from '../../src/tokens/registry';
import type { TokenSpec } from '../../src/tokens/spec';

const specs = tokenSpecs as readonly TokenSpec[];

describe('token registry', () => {
  test('names are unique, prefixed and kebab-case', () => {
    assert.equal(new Set(tokenNames).size, tokenNames.length);
    for (const name of tokenNames) assert.match(name, /^--parley-[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(isTokenName('--parley-color-primary'));
    assert.ok(!isTokenName('--parley-colour-primary'));
    assert.ok(!isTokenName('color'));
  });

  test('covers the tiers and the names DESIGN.md promises', () => {
    for (const tier of ['palette', 'semantic', 'component', 'scale']) {
      assert.ok(
        specs.some((s) => s.tier === tier),
        tier,
      );
    }
    for (const key of [
      'color-primary',
      'color-on-primary',
      'color-surface',
      'font-family',
      'radius',
      'launcher-size',
    ]) {
      assert.ok(isTokenName(`${tokenPrefix}${key}`), key);
    }
  });

  test('each token has exactly one of a default and a derivation, and its rules are complete', () => {
    for (const spec of specs) {
      assert.ok((spec.default === undefined) !== (spec.derive === undefined), spec.key);
      assert.ok(spec.description.endsWith('.'), spec.key);
      if (spec.kind === 'length') assert.ok(spec.length, spec.key);
      if (spec.kind === 'number') assert.ok(spec.number, spec.key);
      if (spec.kind === 'color' && spec.default !== undefined)
        assert.ok(spec.dark, `${spec.key} needs a dark rule`);
      if (spec.tier === 'palette') assert.equal(spec.settable, false, spec.key);
      const of = spec.derive && 'of' in spec.derive ? spec.derive.of : undefined;
      if (of) assert.ok(tokenSpec(of), `${spec.key} derives from unknown ${of}`);
    }
  });

  test('every literal default is already in normal form', () => {
    for (const spec of specs) {
      if (spec.default === undefined) continue;
      assert.deepEqual(
        tokenParser(spec)(spec.default),
        { ok: true, value: spec.default },
        spec.key,
      );
    }
  });
});
