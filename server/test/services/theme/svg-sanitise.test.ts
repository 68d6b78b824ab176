import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanitiseSvg } from '../../../src/services/theme/svg-sanitise';
import { cleanSvg } from './images';

const wrap = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="2" height="2"/>${inner}</svg>`;

/** SVG payloads that run script, fetch from elsewhere or restyle the page. */
const hostile = [
  wrap('<script>alert(1)</script>'),
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>',
  wrap('<circle r="1" onclick="alert(1)"/>'),
  wrap('<a href="javascript:alert(1)"><circle r="1"/></a>'),
  wrap(
    '<a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="1"/></a>',
  ),
  wrap('<foreignObject><iframe src="https://evil.example"></iframe></foreignObject>'),
  wrap(
    '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src=x onerror=alert(1)></body></foreignObject>',
  ),
  wrap('<style>@import url(https://evil.example/x.css); circle{fill:red}</style>'),
  wrap('<circle r="1" style="fill:url(https://evil.example/track.svg#p)"/>'),
  wrap('<circle r="1" fill="url(https://evil.example/p.svg#g)"/>'),
  wrap('<image href="https://evil.example/track.png" width="1" height="1"/>'),
  wrap('<use href="https://evil.example/sprite.svg#icon"/>'),
  wrap('<animate attributeName="href" to="javascript:alert(1)"/>'),
  wrap('<set attributeName="onmouseover" to="alert(1)"/>'),
  wrap('<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
  wrap('<circle r="1" style="behavior:url(x.htc)"/>'),
];

describe('sanitiseSvg', () => {
  test('keeps a clean logo intact, internal gradient references included', async () => {
    const result = await sanitiseSvg(cleanSvg);
    assert.ok(result);
    assert.equal(result.changed, false);
    assert.match(result.svg, /fill="url\(#g\)"/);
  });

  test('removes script, handlers, external references and styles from every hostile sample', async () => {
    for (const input of hostile) {
      const result = await sanitiseSvg(input);
      assert.ok(result, input);
      assert.equal(result.changed, true, input);
      assert.doesNotMatch(
        result.svg,
        /script|onload|onclick|onerror|onmouseover|javascript:|evil\.example|<style|foreignObject|@import|behavior/i,
        input,
      );
    }
  });

  test('adds the SVG namespace an <img> needs', async () => {
    const result = await sanitiseSvg('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
    assert.match(result!.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('returns null when no SVG remains', async () => {
    assert.equal(await sanitiseSvg('<script>alert(1)</script>'), null);
    assert.equal(await sanitiseSvg('<html><body>hi</body></html>'), null);
  });
});
