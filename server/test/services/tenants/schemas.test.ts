import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParleyError } from '../../../src/errors';
import {
  defaultWidgetSettings,
  parseInput,
  slugSchema,
  tenantCreateSchema,
  tenantPatchSchema,
  widgetSettingsSchema,
} from '../../../src/services/tenants/schemas';

function failure(fn: () => unknown): ParleyError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ParleyError);
    return error;
  }
  assert.fail('expected a validation error');
}

test('the default widget settings are valid', () => {
  assert.deepEqual(widgetSettingsSchema.parse(defaultWidgetSettings), defaultWidgetSettings);
});

test('tenant patches normalise origins and locales and drop ids', () => {
  const patch = parseInput(tenantPatchSchema, {
    id: '64b000000000000000000000',
    tenantId: 'x',
    name: '  Acme  ',
    allowedOrigins: ['https://A.example', 'https://a.example:443', 'http://localhost:*'],
    widget: { locale: 'de-ch', starters: ['How many vacation days?'] },
  });
  assert.deepEqual(patch, {
    name: 'Acme',
    allowedOrigins: ['https://a.example', 'http://localhost:*'],
    widget: { locale: 'de-CH', starters: ['How many vacation days?'] },
  });
});

test('tenant patches refuse unknown fields, bad origins and hostile text with field names', () => {
  assert.equal(
    failure(() => parseInput(tenantPatchSchema, { plan: 'enterprise' })).code,
    'PARLEY_VALIDATION_FAILED',
  );
  assert.match(
    failure(() => parseInput(tenantPatchSchema, { allowedOrigins: ['https://a.example/x'] }))
      .message,
    /^Invalid allowedOrigins\.0: "https:\/\/a\.example\/x" is not a valid origin/,
  );
  const error = failure(() =>
    parseInput(tenantPatchSchema, {
      widget: {
        botName: 'Bot\u0007',
        avatarUrl: 'javascript:alert(1)',
        position: 'top',
        starters: Array(7).fill('q'),
      },
    }),
  );
  const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
  assert.deepEqual(paths, [
    'widget.avatarUrl',
    'widget.botName',
    'widget.position',
    'widget.starters',
  ]);
  assert.equal(
    failure(() => parseInput(tenantPatchSchema, { widget: { evil: 1 } })).code,
    'PARLEY_VALIDATION_FAILED',
  );
  assert.equal(failure(() => parseInput(tenantPatchSchema, [])).code, 'PARLEY_VALIDATION_FAILED');
});

test('greetings may span lines; one-line fields may not', () => {
  assert.equal(
    parseInput(tenantPatchSchema, { widget: { greeting: 'Hi!\nAsk away.' } }).widget?.greeting,
    'Hi!\nAsk away.',
  );
  failure(() => parseInput(tenantPatchSchema, { widget: { placeholder: 'a\nb' } }));
});

test('slugs are lowercase words with single hyphens', () => {
  assert.equal(slugSchema.parse(' Acme-HR '), 'acme-hr');
  for (const bad of ['a', 'acme_hr', '-acme', 'acme--hr', 'acme/hr', 'x'.repeat(41)]) {
    assert.equal(slugSchema.safeParse(bad).success, false, bad);
  }
  const created = parseInput(tenantCreateSchema, { name: 'Acme', slug: 'acme' });
  assert.deepEqual(created, { name: 'Acme', slug: 'acme', allowedOrigins: [], plan: 'free' });
});
