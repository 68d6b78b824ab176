import { type Request, type RequestHandler, Router } from 'express';
import multer from 'multer';
import { ParleyError } from '../errors';
import type { AuditChange } from '../services/audit/audit';
import type { Permission } from '../services/auth/permissions';
import { type AssetService, assetLimits, parseAssetPath } from '../services/theme/asset-service';

/** What the asset routes need. */
export interface AssetRouterDeps {
  assets: AssetService;
  requireAdmin: (permission: Permission) => RequestHandler;
  audit: (req: Request, change: AuditChange) => Promise<void>;
  /** The server's public base URL, for the absolute URL in upload answers. */
  publicUrl: string;
}

const year = 365 * 24 * 3600;

/** Multipart parsing into memory, one file, capped at the raster limit (SVGs are checked again). */
function receiveFile(): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: assetLimits.maxBytes, files: 1, fields: 4, parts: 6 },
  }).single('file');
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          return next(
            new ParleyError('PARLEY_ASSET_TOO_LARGE', {
              message: `Images may be at most ${assetLimits.maxBytes / 1024 / 1024} MB.`,
            }),
          );
        }
        return next(
          new ParleyError('PARLEY_BAD_REQUEST', {
            message: `Upload one image in a field named "file" (${error.code}).`,
          }),
        );
      }
      next(error);
    });
  };
}

/**
 * Logo and avatar uploads (`POST /api/theme/assets`, multipart field
 * `file`) and their public, immutable URLs (`GET /assets/<tenant>/<sha256>.<ext>`).
 */
export function assetsRouter(deps: AssetRouterDeps): Router {
  const router = Router();

  router.post(
    '/api/theme/assets',
    deps.requireAdmin('theme:write'),
    receiveFile(),
    async (req, res) => {
      if (!req.file) {
        throw new ParleyError('PARLEY_BAD_REQUEST', {
          message: 'Send the image as multipart/form-data in a field named "file".',
        });
      }
      const admin = req.admin!;
      const view = await deps.assets.upload(admin.tenantId, req.file.buffer, admin.label);
      await deps.audit(req, {
        action: 'theme.asset.upload',
        target: { type: 'asset', id: view.path, label: req.file.originalname.slice(0, 200) },
        after: { type: view.type, size: view.size, sanitised: view.sanitised },
      });
      res.status(201).json({ ...view, url: `${deps.publicUrl.replace(/\/+$/, '')}${view.path}` });
    },
  );

  router.get('/assets/:tenantId/:file', async (req, res) => {
    const parts = parseAssetPath(`/assets/${req.params.tenantId}/${req.params.file}`);
    const asset = parts && (await deps.assets.find(parts.tenantId, parts.hash, parts.type));
    if (!asset) throw new ParleyError('PARLEY_ASSET_NOT_FOUND');
    res.set({
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.data.length),
      // The name is the content's hash: it can never change, so caches may keep it forever.
      'Cache-Control': `public, max-age=${year}, immutable`,
      ETag: `"${asset.hash}"`,
      'X-Content-Type-Options': 'nosniff',
      // Opened directly, an SVG runs in a sandbox with no script and no fetches.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      // The widget shows these on customers' pages, which may isolate themselves (COEP).
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.end(asset.data);
  });

  return router;
}
