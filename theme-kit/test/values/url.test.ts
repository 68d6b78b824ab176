import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultFontHosts, parseUrl } from '../../src/values/url';

const fonts = { hosts: defaultFontHosts, label: 'font stylesheet' };
const images = { hosts: ['cdn.example.com', '*.brand.example'], assetPaths: true, label: 'logo' };
const asset = `/assets/${'a'.repeat(24)}/${'0'.repeat(64)}.png`;

describe('parseUrl', () => {
  test('accepts https URLs on allowed hosts, normalised', () => {
    assert.deepEqual(
      parseUrl('https://fonts.googleapis.com/css2?family=Inter&display=swap', fonts),
      {
        ok: true,
        value: 'https://fonts.googleapis.com/css2?family=Inter&display=swap',
      },
    );
    assert.equal(parseUrl('https://img.brand.example/logo.png', images).ok, true);
    assert.equal(parseUrl('https://CDN.example.com/a.svg', images).ok, true);
  });

  test('accepts uploaded asset paths only where allowed and only in the upload form', () => {
    assert.deepEqual(parseUrl(asset, images), { ok: true, value: asset });
    assert.equal(parseUrl(asset, fonts).ok, false);
    assert.equal(parseUrl('/assets/../../etc/passwd', images).ok, false);
  });

  test('refuses other schemes, credentials, unlisted hosts and characters that escape attributes', () => {
    for (const input of [
      'http://fonts.googleapis.com/css',
      'javascript:alert(1)',
      'data:text/css,body{}',
      'https://user:pw@fonts.googleapis.com/css',
      'https://evil.example/font.css',
      'https://fonts.googleapis.com.evil.example/css',
      'https://fonts.googleapis.com/css?x=")+url(evil',
      'https://fonts.googleapis.com/css\nfoo',
      '//fonts.googleapis.com/css',
      'fonts.googleapis.com/css',
    ]) {
      assert.equal(parseUrl(input, fonts).ok, false, input);
    }
    assert.equal(parseUrl('https://brand.example.evil/x.png', images).ok, false);
  });
});
