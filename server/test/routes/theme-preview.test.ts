import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, type TestContext, test } from 'node:test';
import { tokenNames } from '@parley/theme-kit';
import express from 'express';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { themePreviewRouter } from '../../src/routes/theme';
import { readSse } from '../support/sse';

async function startPreview(t: TestContext): Promise<string> {
  const app = express();
  app.use(express.json());
  app.use(themePreviewRouter());
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('theme preview frames', () => {
  test('the frame page embeds the CDN widget, may be framed by our own origin only, and runs no inline code', async (t) => {
    const url = await startPreview(t);
    for (const mode of ['bubble', 'inline', 'mobile']) {
      const response = await fetch(`${url}/theme-preview/frame?mode=${mode}`);
      assert.equal(response.status, 200);
      const csp = response.headers.get('content-security-policy')!;
      assert.match(csp, /frame-ancestors 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      // A draft's web font loads from the allow-listed hosts, and nothing else is allowed to style.
      assert.match(
        csp,
        /style-src 'self' https:\/\/fonts\.googleapis\.com https:\/\/fonts\.bunny\.net https:\/\/use\.typekit\.net(;|$)/,
      );
      assert.match(csp, /font-src 'self' https:\/\/fonts\.gstatic\.com /);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
      const html = await response.text();
      assert.match(html, /<script src="\/cdn\/parley\/0\/parley\.js" async><\/script>/);
      assert.match(html, new RegExp(`data-mode="${mode}"`));
      assert.doesNotMatch(html, /<script>|<style>|\sstyle=|\son[a-z]+=/);
    }
    const odd = await (await fetch(`${url}/theme-preview/frame?mode=<script>`)).text();
    assert.match(odd, /data-mode="bubble"/);
  });

  test('the bridge script knows every token name and checks the sender', async (t) => {
    const url = await startPreview(t);
    const response = await fetch(`${url}/theme-preview/frame.js`);
    assert.match(response.headers.get('content-type')!, /javascript/);
    const script = await response.text();
    assert.ok(script.includes(JSON.stringify(tokenNames)));
    assert.match(script, /event\.origin !== location\.origin/);
    // Launcher, brand and font reach the widget through its own checks (setTheme), not the DOM.
    assert.match(script, /chat\.setTheme\(\{/);
    assert.doesNotThrow(() => new Function(script), 'the generated script parses');
  });

  test('the preview API answers the widget with a sample config and a streamed sample answer', async (t) => {
    const url = await startPreview(t);
    const config = await (await fetch(`${url}/theme-preview/v1/widget/config`)).json();
    assert.deepEqual(Object.keys(config as object).sort(), ['tenant', 'theme', 'widget']);
    const response = await fetch(`${url}/theme-preview/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi' }),
    });
    assert.match(response.headers.get('content-type')!, /text\/event-stream/);
    const events = await readSse(response);
    assert.deepEqual(
      [...new Set(events.map((e) => e.event))],
      ['meta', 'sources', 'token', 'done'],
    );
    const ids = events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'every event has its own id');
    const text = events
      .filter((e) => e.event === 'token')
      .map((e) => JSON.parse(e.data).delta)
      .join('');
    assert.match(text, /deductible/);
  });
});
