import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { ParleyError } from '../errors';

/**
 * Strict CSP for the console: only our own scripts, styles and API. Preact
 * sets inline styles through the CSSOM, which `style-src 'self'` allows.
 */
const consoleCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the admin console (a Vite-built Preact app) at `/admin`. Hashed
 * assets are cached for a year; every other `/admin/*` path gets
 * `index.html`, so deep links such as `/admin/keys` load the app.
 */
export function consoleRouter(options: { dir: string }): Router {
  const router = Router();
  const index = join(options.dir, 'index.html');
  router.use('/admin', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', consoleCsp);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use(
    '/admin/assets',
    express.static(join(options.dir, 'assets'), { immutable: true, maxAge: '365d' }),
    // A missing hashed asset is a 404, never the app's index.html.
    (_req, _res, next) => next(new ParleyError('PARLEY_NOT_FOUND')),
  );
  router.get(['/admin', '/admin/{*rest}'], (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text')
        .send(
          'The admin console is not built yet: run `npm run build` (npm start does it for you).',
        );
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
