import { defaultFontHosts, themeToCssText } from '@parley/theme-kit';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ParleyError } from '../errors';
import { SseWriter } from '../http/sse';
import type { ThemeAuthor } from '../models/theme-version';
import type { AuditChange } from '../services/audit/audit';
import type { Permission } from '../services/auth/permissions';
import { parseIfMatch, revisionEtag } from '../services/theme/current-theme';
import {
  previewApiPath,
  previewFrameCss,
  previewFrameHtml,
  previewFrameScript,
  previewMode,
} from '../services/theme/preview-frame';
import { previewConfig, streamSampleAnswer } from '../services/theme/preview-sample';
import type { SaveResult, ThemeService } from '../services/theme/theme-service';

/** What the theme routes need; app.ts passes the real gate and audit writer. */
export interface ThemeRouterDeps {
  themes: ThemeService;
  requireAdmin: (permission: Permission) => RequestHandler;
  audit: (req: Request, change: AuditChange) => Promise<void>;
}

function tenantOf(req: Request) {
  // requireAdmin ran first, so req.admin is set.
  return req.admin!.tenantId;
}

function authorOf(req: Request): ThemeAuthor {
  const admin = req.admin!;
  return admin.via === 'secret-key'
    ? { type: 'secret-key', id: admin.keyId ?? null, label: admin.label }
    : { type: 'user', id: admin.userId ?? null, label: admin.label };
}

function ifMatchOf(req: Request): number | undefined {
  const revision = parseIfMatch(req.get('if-match'));
  // A precondition we cannot read is a precondition that does not hold (RFC 9110 §13.1.1).
  if (Number.isNaN(revision)) throw new ParleyError('PARLEY_THEME_CONFLICT');
  return revision;
}

function revisionParam(req: Request): number {
  const raw = String(req.params.revision);
  if (!/^\d{1,9}$/.test(raw)) throw new ParleyError('PARLEY_THEME_VERSION_NOT_FOUND');
  return Number(raw);
}

function sendTheme(res: Response, revision: number, theme: unknown): void {
  res.set({
    ETag: revisionEtag(revision),
    'Parley-Theme-Revision': String(revision),
    'Cache-Control': 'private, no-cache',
  });
  res.json(theme);
}

/**
 * The admin theme API. `GET /api/theme` returns the theme JSON and `PUT`
 * takes the same JSON back; the revision travels in `ETag` / `If-Match`
 * so a stale editor cannot overwrite a newer save. History and restore
 * live under `/api/theme/versions`.
 */
export function themeRouter(deps: ThemeRouterDeps): Router {
  const router = Router();
  const { themes, requireAdmin } = deps;

  const recordSave = async (req: Request, saved: SaveResult, restoredFrom?: number) => {
    if (!saved.changed) return;
    await deps.audit(req, {
      action: restoredFrom === undefined ? 'theme.update' : 'theme.restore',
      target: { type: 'theme', id: String(saved.revision), label: saved.theme.name ?? undefined },
      before: { revision: saved.previous },
      after: { revision: saved.revision, restoredFrom: restoredFrom ?? null },
    });
  };

  router.get('/api/theme', requireAdmin('theme:read'), async (req, res) => {
    const current = await themes.current(tenantOf(req));
    sendTheme(res, current.revision, current.theme);
  });

  router.put('/api/theme', requireAdmin('theme:write'), async (req, res) => {
    const saved = await themes.save(tenantOf(req), req.body, authorOf(req), {
      ifMatch: ifMatchOf(req),
    });
    await recordSave(req, saved);
    sendTheme(res, saved.revision, saved.theme);
  });

  router.get('/api/theme/css', requireAdmin('theme:read'), async (req, res) => {
    const selector = req.query.selector === ':host' ? ':host' : 'parley-chat';
    const current = await themes.current(tenantOf(req));
    res.set({ ETag: revisionEtag(current.revision), 'Cache-Control': 'private, no-cache' });
    res.type('text/css').send(themeToCssText(current.theme, { selector }));
  });

  router.get('/api/theme/versions', requireAdmin('theme:read'), async (req, res) => {
    const limit = Number(req.query.limit ?? 20);
    const before = req.query.before === undefined ? undefined : Number(req.query.before);
    if (!Number.isInteger(limit) || (before !== undefined && !Number.isInteger(before))) {
      throw new ParleyError('PARLEY_BAD_REQUEST', {
        message: 'limit and before must be whole numbers.',
      });
    }
    res.json(await themes.history(tenantOf(req), { limit, before }));
  });

  router.get('/api/theme/versions/:revision', requireAdmin('theme:read'), async (req, res) => {
    const row = await themes.revision(tenantOf(req), revisionParam(req));
    res.json({
      revision: row.revision,
      createdAt: row.createdAt,
      author: row.author,
      restoredFrom: row.restoredFrom ?? null,
      theme: row.theme,
    });
  });

  router.post(
    '/api/theme/versions/:revision/restore',
    requireAdmin('theme:write'),
    async (req, res) => {
      const from = revisionParam(req);
      const saved = await themes.restore(tenantOf(req), from, authorOf(req), {
        ifMatch: ifMatchOf(req),
      });
      await recordSave(req, saved, from);
      sendTheme(res, saved.revision, saved.theme);
    },
  );

  return router;
}

/** The preview frames may be framed by the console (same origin) and run only our own scripts. */
const previewCsp = [
  "default-src 'self'",
  "script-src 'self'",
  // A draft's web font: its stylesheet from an allow-listed host, the font files from that provider.
  `style-src 'self' ${defaultFontHosts.map((host) => `https://${host}`).join(' ')}`,
  "font-src 'self' https://fonts.gstatic.com https://fonts.bunny.net https://use.typekit.net https://p.typekit.net",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The theme editor's live preview: `GET /theme-preview/frame?mode=bubble|inline|mobile`
 * is a sample page embedding the real widget from `/cdn`, whose API points
 * back here for a sample config and a canned answer. Nothing here reads
 * tenant data, so it needs no caller; the console posts the draft theme
 * into the frames.
 */
export function themePreviewRouter(): Router {
  const router = Router();
  const script = previewFrameScript();
  router.get(`${previewApiPath}/frame`, (req, res) => {
    res.set({
      'Content-Security-Policy': previewCsp,
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-cache',
      'Referrer-Policy': 'no-referrer',
    });
    res.type('html').send(previewFrameHtml(previewMode(req.query.mode)));
  });
  router.get(`${previewApiPath}/frame.js`, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/javascript').send(script);
  });
  router.get(`${previewApiPath}/frame.css`, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/css').send(previewFrameCss);
  });
  router.get(`${previewApiPath}/v1/widget/config`, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(previewConfig);
  });
  router.post(`${previewApiPath}/v1/chat`, (_req, res) => {
    streamSampleAnswer(new SseWriter(res));
  });
  router.post(`${previewApiPath}/v1/messages/:id/:action`, (_req, res) => {
    res.status(204).end();
  });
  return router;
}
