import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultTheme } from '@parley/theme-kit';
import { ParleyError } from '../../../src/errors';
import { ThemeService } from '../../../src/services/theme/theme-service';
import { editor, themeFixture } from './fixture';

const blue = { version: 1, tokens: { 'color-primary': '#0b3d91' } };
const red = { version: 1, tokens: { 'color-primary': 'rgb(200 0 0)' } };

async function rejects(promise: Promise<unknown>, code: string): Promise<ParleyError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ParleyError, String(error));
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('ThemeService', () => {
  test('a tenant that never saved a theme gets the neutral preset at revision 0', async (t) => {
    const { database, acme } = await themeFixture(t);
    const current = await new ThemeService(database.connection).current(acme);
    assert.equal(current.revision, 0);
    assert.deepEqual(current.theme, defaultTheme());
  });

  test('saving validates, normalises and counts revisions up', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    const first = await themes.save(acme, blue, editor);
    assert.equal(first.revision, 1);
    assert.equal(first.changed, true);
    const second = await themes.save(acme, red, editor);
    assert.equal(second.revision, 2);
    assert.equal(second.theme.tokens['color-primary'], '#c80000');
    const current = await themes.current(acme);
    assert.equal(current.revision, 2);
    assert.equal(current.theme.tokens['color-primary'], '#c80000');
    assert.equal(current.author?.label, editor.label);
  });

  test('saving the same theme again writes no revision', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    await themes.save(acme, blue, editor);
    const again = await themes.save(
      acme,
      { ...blue, tokens: { 'color-primary': '#0B3D91' } },
      editor,
    );
    assert.equal(again.changed, false);
    assert.equal(again.revision, 1);
    assert.equal((await themes.history(acme)).revisions.length, 1);
  });

  test('invalid themes are refused with every field listed', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    const error = await rejects(
      themes.save(
        acme,
        { version: 1, tokens: { 'color-primary': 'red;}', radius: '1000px' } },
        editor,
      ),
      'PARLEY_VALIDATION_FAILED',
    );
    const issues = (error.details as { issues: { path: string }[] }).issues;
    assert.deepEqual(issues.map((i) => i.path).sort(), ['tokens.color-primary', 'tokens.radius']);
    assert.match(error.message, /^Invalid tokens\./);
    assert.equal((await themes.current(acme)).revision, 0);
  });

  test('If-Match guards against overwriting someone else’s save', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    await themes.save(acme, blue, editor, { ifMatch: 0 });
    await rejects(themes.save(acme, red, editor, { ifMatch: 0 }), 'PARLEY_THEME_CONFLICT');
    const ok = await themes.save(acme, red, editor, { ifMatch: 1 });
    assert.equal(ok.revision, 2);
  });

  test('concurrent saves never fork the history or reuse a revision', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    const results = await Promise.allSettled(
      ['#111111', '#222222', '#333333', '#444444'].map((c) =>
        themes.save(acme, { version: 1, tokens: { 'color-primary': c } }, editor),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
      revision: number;
    }>[];
    const revisions = won.map((r) => r.value.revision).sort();
    assert.equal(new Set(revisions).size, revisions.length, 'no revision number is used twice');
    for (const r of results) {
      if (r.status === 'rejected')
        assert.equal((r.reason as ParleyError).code, 'PARLEY_THEME_CONFLICT');
    }
    const history = await themes.history(acme);
    assert.equal(history.revisions.length, won.length);
    assert.equal((await themes.current(acme)).revision, Math.max(...revisions));
  });

  test('history lists revisions newest first, paged', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    for (const [i, c] of ['#101010', '#202020', '#303030'].entries()) {
      await themes.save(
        acme,
        { version: 1, name: `Try ${i + 1}`, tokens: { 'color-primary': c } },
        editor,
      );
    }
    const page1 = await themes.history(acme, { limit: 2 });
    assert.deepEqual(
      page1.revisions.map((r) => r.revision),
      [3, 2],
    );
    assert.equal(page1.revisions[0]!.name, 'Try 3');
    assert.equal(page1.next, 2);
    const page2 = await themes.history(acme, { limit: 2, before: page1.next! });
    assert.deepEqual(
      page2.revisions.map((r) => r.revision),
      [1],
    );
    assert.equal(page2.next, null);
  });

  test('restore saves an old revision as a new one', async (t) => {
    const { database, acme } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    await themes.save(acme, blue, editor);
    await themes.save(acme, red, editor);
    const restored = await themes.restore(acme, 1, editor, { ifMatch: 2 });
    assert.equal(restored.revision, 3);
    assert.equal(restored.theme.tokens['color-primary'], '#0b3d91');
    assert.equal((await themes.history(acme)).revisions[0]!.restoredFrom, 1);
    await rejects(themes.restore(acme, 99, editor), 'PARLEY_THEME_VERSION_NOT_FOUND');
  });

  test('tenants never see each other’s themes or history', async (t) => {
    const { database, acme, globex } = await themeFixture(t);
    const themes = new ThemeService(database.connection);
    await themes.save(acme, blue, editor);
    assert.equal((await themes.current(globex)).revision, 0);
    assert.deepEqual((await themes.history(globex)).revisions, []);
    await rejects(themes.revision(globex, 1), 'PARLEY_THEME_VERSION_NOT_FOUND');
    await rejects(themes.restore(globex, 1, editor), 'PARLEY_THEME_VERSION_NOT_FOUND');
  });

  test('uploaded image paths must belong to the tenant and exist', async (t) => {
    const { database, acme, globex } = await themeFixture(t);
    const known = new Set([`/assets/${acme}/${'a'.repeat(64)}.png`]);
    const themes = new ThemeService(database.connection, {
      assetExists: async (_tenant, path) => known.has(path),
    });
    const own = await themes.save(acme, { version: 1, brand: { logoUrl: [...known][0] } }, editor);
    assert.equal(own.theme.brand.logoUrl, [...known][0]);
    const theirs = `/assets/${globex}/${'b'.repeat(64)}.png`;
    const error = await rejects(
      themes.save(acme, { version: 1, brand: { avatarUrl: theirs } }, editor),
      'PARLEY_VALIDATION_FAILED',
    );
    assert.deepEqual((error.details as { issues: unknown[] }).issues, [
      { path: 'brand.avatarUrl', message: 'is not an image uploaded to this workspace' },
    ]);
    const missing = `/assets/${acme}/${'c'.repeat(64)}.png`;
    await rejects(
      themes.save(acme, { version: 1, brand: { logoUrl: missing } }, editor),
      'PARLEY_VALIDATION_FAILED',
    );
  });

  test('a stored theme that no longer validates is served as the default, flagged', async (t) => {
    const { database, acme } = await themeFixture(t);
    const { tenantModel } = await import('../../../src/models/tenant');
    await tenantModel(database.connection).updateOne(
      { _id: acme },
      {
        $set: {
          theme: {
            revision: 4,
            theme: { version: 1, tokens: { 'color-primary': 'url(x)' } },
            updatedAt: new Date(),
          },
        },
      },
    );
    const current = await new ThemeService(database.connection).current(acme);
    assert.equal(current.revision, 4);
    assert.equal(current.fallback, true);
    assert.deepEqual(current.theme, defaultTheme());
  });
});
