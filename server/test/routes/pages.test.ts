import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { paths } from '../../src/paths';
import { examplePages } from '../../src/routes/pages';
import { startApp } from '../support/start-app';

test('the landing page links every example page and the admin console', async (t) => {
  const { url } = await startApp(t);
  const res = await fetch(`${url}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const linked = [...html.matchAll(/href="\/examples\/([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(
    linked,
    examplePages.map((page) => page.file),
  );
  assert.match(html, /href="\/admin"/);
  for (const file of linked) {
    const page = await fetch(`${url}/examples/${file}`);
    assert.equal(page.status, 200, file);
  }
});

test('every example page on disk is listed on the landing page', () => {
  const listed = new Set(examplePages.map((page) => page.file.replace(/\/$/, '')));
  const onDisk = readdirSync(paths.examples, { withFileTypes: true })
    .filter(
      (e) => (e.isFile() && e.name.endsWith('.html')) || (e.isDirectory() && e.name === 'react'),
    )
    .map((e) => e.name);
  assert.deepEqual(
    onDisk.filter((name) => !listed.has(name)),
    [],
  );
});

test('/favicon.ico answers with the logo instead of a 404', async (t) => {
  const { url } = await startApp(t);
  const res = await fetch(`${url}/favicon.ico`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
  assert.match(await res.text(), /^<svg /);
});
