import assert from 'node:assert/strict';
import { test } from 'node:test';
import { png1x1 } from '../services/theme/images';
import { asWidget, ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON.
const body = async (response: Response): Promise<any> => response.json();

test('theming through the whole app: roles, sessions with CSRF, and the widget config', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { origins: ['https://intranet.acme.example'] });
  const origin = 'https://intranet.acme.example';

  await t.test('editors may save, viewers may only read', async () => {
    const viewer = await ConsoleClient.signIn(tenancy.url, acme.users.viewer);
    assert.equal((await viewer.request('GET', '/api/theme')).status, 200);
    const refused = await viewer.request('PUT', '/api/theme', { version: 1 });
    assert.equal(refused.status, 403);
    assert.equal(await errorCode(refused), 'PARLEY_AUTH_FORBIDDEN');

    const editor = await ConsoleClient.signIn(tenancy.url, acme.users.editor);
    const noCsrf = await editor.request('PUT', '/api/theme', { version: 1 }, { csrf: false });
    assert.equal(await errorCode(noCsrf), 'PARLEY_AUTH_CSRF_FAILED');
    const saved = await editor.request(
      'PUT',
      '/api/theme',
      { version: 1, colorScheme: 'light', tokens: { 'color-primary': '#b91c1c' } },
      { headers: { 'if-match': '"r0"' } },
    );
    assert.equal(saved.status, 200);
    assert.equal(saved.headers.get('etag'), '"r1"');
  });

  await t.test('the widget config carries the saved theme', async () => {
    const res = await asWidget(tenancy.url, acme.publishableKey, origin);
    assert.equal(res.status, 200);
    const { theme } = await body(res);
    assert.equal(theme.version, 1);
    assert.equal(theme.variables['--parley-color-primary'], '#b91c1c');
    assert.equal(theme.variables['--parley-launcher-background'], 'var(--parley-color-primary)');
    assert.deepEqual(theme.dark, {}, 'a light theme stays light');
    assert.equal(theme.colorScheme, 'light');
  });

  await t.test('an uploaded logo is referenced by path and served to any page', async () => {
    const editor = await ConsoleClient.signIn(tenancy.url, acme.users.editor);
    const form = new FormData();
    form.append('file', new Blob([png1x1]), 'logo.png');
    const upload = await fetch(`${tenancy.url}/api/theme/assets`, {
      method: 'POST',
      body: form,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
    });
    assert.equal(upload.status, 201);
    const asset = await body(upload);
    const current = await body(await editor.request('GET', '/api/theme'));
    const saved = await editor.request('PUT', '/api/theme', {
      ...current,
      brand: { ...current.brand, logoUrl: asset.path },
    });
    assert.equal(saved.status, 200);
    const { theme } = await body(await asWidget(tenancy.url, acme.publishableKey, origin));
    // Made absolute with the server's public URL, which the widget on another origin needs.
    assert.match(theme.brand.logoUrl, /^https?:\/\//);
    assert.ok(theme.brand.logoUrl.endsWith(asset.path));
    const image = await fetch(`${tenancy.url}${asset.path}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('cross-origin-resource-policy'), 'cross-origin');
  });
});
