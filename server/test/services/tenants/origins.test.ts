import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isLoopbackHost,
  isOriginAllowed,
  normaliseOriginPattern,
  parseOriginPattern,
  parseRequestOrigin,
} from '../../../src/services/tenants/origins';

describe('origin patterns', () => {
  test('normalise case, IDN, trailing slash and default ports', () => {
    assert.equal(
      normaliseOriginPattern(' HTTPS://Intranet.Example.com/ '),
      'https://intranet.example.com',
    );
    assert.equal(
      normaliseOriginPattern('https://bücher.example:443'),
      'https://xn--bcher-kva.example',
    );
    assert.equal(normaliseOriginPattern('http://hr.example:80'), 'http://hr.example');
    assert.equal(normaliseOriginPattern('https://hr.example:8443'), 'https://hr.example:8443');
    assert.equal(
      normaliseOriginPattern('https://*.Intranet.example'),
      'https://*.intranet.example',
    );
    assert.equal(normaliseOriginPattern('http://localhost:*'), 'http://localhost:*');
    assert.equal(normaliseOriginPattern('http://[::1]:*'), 'http://[::1]:*');
  });

  test('refuse paths, other schemes, credentials, broad wildcards and stray any-ports', () => {
    for (const bad of [
      'https://intranet.example/path',
      'https://intranet.example?x=1',
      'ftp://intranet.example',
      'javascript:alert(1)',
      'https://user@intranet.example',
      'https://*',
      'https://*.com',
      'https://a.*.example',
      '*.intranet.example',
      'https://intranet.example:*',
      'https://intranet.example:0',
      'https://intranet.example:70000',
      'https://a..example',
      '',
    ]) {
      assert.throws(() => parseOriginPattern(bad), /is not a valid origin/, bad);
    }
  });
});

describe('isOriginAllowed', () => {
  const patterns = [
    'https://intranet.example.com',
    'https://*.corp.example',
    'http://localhost:*',
    'https://hr.example:8443',
  ];

  test('denies by default', () => {
    assert.equal(isOriginAllowed('https://intranet.example.com', [], 'live'), false);
    assert.equal(isOriginAllowed(undefined, patterns, 'live'), false);
    assert.equal(isOriginAllowed('null', patterns, 'live'), false);
  });

  test('matches exact origins only, scheme and port included', () => {
    assert.equal(isOriginAllowed('https://intranet.example.com', patterns, 'live'), true);
    assert.equal(isOriginAllowed('http://intranet.example.com', patterns, 'live'), false);
    assert.equal(isOriginAllowed('https://intranet.example.com:444', patterns, 'live'), false);
    assert.equal(isOriginAllowed('https://evil-intranet.example.com', patterns, 'live'), false);
    assert.equal(isOriginAllowed('https://intranet.example.com.evil.io', patterns, 'live'), false);
    assert.equal(isOriginAllowed('https://hr.example:8443', patterns, 'live'), true);
    assert.equal(isOriginAllowed('https://hr.example', patterns, 'live'), false);
  });

  test('wildcards match subdomains at any depth but not the apex or look-alikes', () => {
    assert.equal(isOriginAllowed('https://a.corp.example', patterns, 'live'), true);
    assert.equal(isOriginAllowed('https://a.b.corp.example', patterns, 'live'), true);
    assert.equal(isOriginAllowed('https://corp.example', patterns, 'live'), false);
    assert.equal(isOriginAllowed('https://evilcorp.example', patterns, 'live'), false);
    assert.equal(isOriginAllowed('http://a.corp.example', patterns, 'live'), false);
  });

  test('localhost matches test keys only', () => {
    assert.equal(isOriginAllowed('http://localhost:5173', patterns, 'test'), true);
    assert.equal(isOriginAllowed('http://localhost:5173', patterns, 'live'), false);
    assert.equal(isOriginAllowed('http://localhost', patterns, 'test'), true);
    assert.equal(isOriginAllowed('https://localhost:5173', patterns, 'test'), false);
    assert.equal(
      isOriginAllowed('http://127.0.0.1:3000', ['http://127.0.0.1:3000'], 'live'),
      false,
    );
    assert.equal(isOriginAllowed('http://127.0.0.1:3000', ['http://127.0.0.1:3000'], 'test'), true);
  });

  test('refuses forged or non-web Origin headers', () => {
    for (const forged of [
      'https://intranet.example.com/',
      'https://intranet.example.com/x',
      'https://user@intranet.example.com',
      'file://',
      'chrome-extension://abc',
      'https://INTRANET.example.com',
    ]) {
      assert.equal(parseRequestOrigin(forged), undefined, forged);
      assert.equal(isOriginAllowed(forged, patterns, 'live'), false, forged);
    }
  });

  test('skips malformed stored patterns instead of trusting them', () => {
    assert.equal(isOriginAllowed('https://a.example', ['*', 'https://a.example/x'], 'live'), false);
  });

  test('knows loopback hosts', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.9.9.9', '[::1]']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['localhost.example', '128.0.0.1', 'example.com']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
