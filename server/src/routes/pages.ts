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
  router.get('/', (_req, res) => {
    res.type('html').send(landingPage(options.demo));
  });
  return router;
}

function landingPage(demo: boolean): string {
  const examples =
    demo && existsSync(paths.examples)
      ? `<h2>Examples</h2><ul><li><a href="/examples/intranet.html">Intranet page (bubble)</a></li></ul>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2937}a{color:#2563eb}</style>
</head><body>
<h1>Parley</h1>
<p>An embeddable AI chat widget that answers from your company's documents.</p>
${examples}
<h2>Service</h2><ul><li><a href="/health">/health</a></li><li><a href="/ready">/ready</a></li></ul>
</body></html>`;
}
