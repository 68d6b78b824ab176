import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config';

test('defaults give a working demo configuration', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8787);
  assert.equal(config.publicUrl, 'http://localhost:8787');
  assert.equal(config.demo, true);
  assert.equal(config.mongodbUri, undefined);
  assert.equal(config.sessionSecret.length, 64);
});

test('a bad variable is named in the error', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, 'PORT');
      assert.match(error.message, /PORT/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ MONGODB_URI: 'postgres://x' }), /MONGODB_URI/);
  assert.throws(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'nope' }), /STRIPE_WEBHOOK_SECRET/);
});

test('production refuses insecure defaults', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /PARLEY_SESSION_SECRET/);
  const config = loadConfig({ NODE_ENV: 'production', PARLEY_SESSION_SECRET: 's'.repeat(40) });
  assert.equal(config.demo, false);
  assert.throws(
    () =>
      loadConfig({
        NODE_ENV: 'production',
        PARLEY_SESSION_SECRET: 's'.repeat(40),
        PARLEY_DEMO: '1',
      }),
    /PARLEY_DEMO/,
  );
});

test('empty strings count as unset', () => {
  assert.equal(loadConfig({ PORT: '', MONGODB_URI: '' }).port, 8787);
});
