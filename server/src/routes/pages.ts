import { existsSync } from 'node:fs';
import express, { Router } from 'express';
import { paths } from '../paths';

/**
 * Static files: versioned widget bundles under `/cdn` (immutable), the
 * example pages under `/examples` (demo mode only) and the landing page.
 */
export function pagesRouter(options: { demo: boolean }): Router {
  const router = Router();
  router.use(
    '/cdn',
    express.static(paths.cdn, {
      fallthrough: true,
      setHeaders(res, filePath) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        // Files under a full version are never rewritten; the major alias moves.
        const immutable = /\/parley\/\d+\.\d+\.\d+[^/]*\//.test(filePath.replaceAll('\\', '/'));
        res.setHeader(
          'Cache-Control',
          immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
      },
    }),
  );
  if (options.demo) {
    router.use('/examples', express.static(paths.examples, { extensions: ['html'] }));
  }
  router.get('/favicon.ico', (_req, res) => {
    // Browsers ask for /favicon.ico on every page (examples included); answer with the logo, not a 404.
    res.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(favicon);
  });
  router.get('/', (_req, res) => {
    res.type('html').send(landingPage(options.demo));
  });
  return router;
}

/** The Parley logo, as the console uses it. */
const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3b82f6"/><stop offset="1" stop-color="#6366f1"/></linearGradient></defs><rect width="32" height="32" rx="8" fill="url(#g)"/><path d="M11 24V8h6.5a5 5 0 010 10H11" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** Every example page, with what it shows; the landing page links those that exist. */
export const examplePages: { file: string; title: string; shows: string }[] = [
  { file: 'intranet.html', title: 'Intranet page', shows: 'the floating bubble on a plain page' },
  {
    file: 'hr-portal.html',
    title: 'HR benefits portal',
    shows: 'an inline panel beside the content',
  },
  { file: 'react/', title: 'React app', shows: 'the widget inside a React single-page app' },
  { file: 'strict-csp.html', title: 'Strict CSP', shows: "no 'unsafe-inline', no 'unsafe-eval'" },
  { file: 'trusted-types.html', title: 'Trusted Types', shows: 'require-trusted-types-for script' },
  {
    file: 'two-widgets.html',
    title: 'Two widgets',
    shows: 'two assistants on one page, script pasted twice',
  },
  {
    file: 'hostile-css.html',
    title: 'Hostile CSS',
    shows: 'a page stylesheet that restyles everything',
  },
];

function landingPage(demo: boolean): string {
  const available = examplePages.filter((page) => existsSync(paths.examples + page.file));
  const examples =
    demo && available.length
      ? `<h2>Try the widget</h2><ul>${available
          .map(
            (page) => `<li><a href="/examples/${page.file}">${page.title}</a> — ${page.shows}</li>`,
          )
          .join('')}</ul>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2937}a{color:#2563eb}li{margin:.25rem 0}</style>
</head><body>
<h1>Parley</h1>
<p>An embeddable AI chat widget that answers from your company's documents.</p>
${examples}
<h2>Manage</h2><ul><li><a href="/admin">Admin console</a> — documents, theme, embed snippet, users, keys, single sign-on, billing${
    demo ? ' (the demo sign-in is printed when the server starts)' : ''
  }</li></ul>
<h2>Service</h2><ul><li><a href="/health">/health</a></li><li><a href="/ready">/ready</a></li></ul>
</body></html>`;
}
