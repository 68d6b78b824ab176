import { type RequestHandler, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { SseWriter } from '../http/sse';
import { requireAdmin } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import type { KnowledgeBase } from '../services/knowledge/knowledge-base';
import { DOCUMENT_LIMITS } from '../services/knowledge/parsers/index';
import { documentView, jobView } from '../services/knowledge/views';

/** Files accepted in one upload request. */
export const MAX_FILES_PER_UPLOAD = 20;
const POLL_MS = 300;

const uploadFields = z.object({
  /** A public URL for citations; only with a single file. */
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/** Multipart parsing into memory, capped per file and per request. */
function receiveFiles(): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: DOCUMENT_LIMITS.maxBytes,
      files: MAX_FILES_PER_UPLOAD,
      fields: 4,
      parts: MAX_FILES_PER_UPLOAD + 4,
    },
  }).array('files', MAX_FILES_PER_UPLOAD);
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          return next(
            new ParleyError('PARLEY_DOCUMENT_TOO_LARGE', {
              message: `Each file may be at most ${DOCUMENT_LIMITS.maxBytes / 1024 / 1024} MB.`,
            }),
          );
        }
        return next(
          new ParleyError('PARLEY_BAD_REQUEST', {
            message: `Upload up to ${MAX_FILES_PER_UPLOAD} files in a multipart field named "files" (${error.code}).`,
          }),
        );
      }
      next(error);
    });
  };
}

/**
 * The knowledge admin API: upload files (`POST /api/documents`, multipart
 * field `files`, answered 202 with the ingestion job), list, read, delete
 * and re-index documents, and follow a job (`GET /api/documents/jobs/:id`,
 * or as a server-sent event stream at `…/events` for progress bars).
 */
export function documentsRouter(deps: { knowledge: KnowledgeBase }): Router {
  const router = Router();
  const kb = deps.knowledge;

  router.post(
    '/api/documents',
    requireAdmin('documents:write'),
    receiveFiles(),
    async (req, res) => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      if (files.length === 0) {
        throw new ParleyError('PARLEY_VALIDATION_FAILED', {
          message: 'Attach at least one file in the "files" field.',
        });
      }
      const fields = uploadFields.safeParse(req.body ?? {});
      if (!fields.success)
        throw new ParleyError('PARLEY_VALIDATION_FAILED', {
          message: 'url must be an http(s) URL.',
        });
      const url = files.length === 1 ? fields.data.url : undefined;
      const job = await kb.ingest(
        req.admin!.tenantId,
        files.map((file) => ({
          // Browsers send the name as latin1 bytes of UTF-8; recover the real name.
          filename: Buffer.from(file.originalname, 'latin1').toString('utf8'),
          data: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength),
          mimeType: file.mimetype,
          ...(url ? { url } : {}),
        })),
      );
      await audit(req, {
        action: 'documents.upload',
        target: { type: 'ingestJob', id: String(job._id), label: `${files.length} file(s)` },
        after: { files: job.items.map((i) => i.filename) },
      });
      res.status(202).json({ job: jobView(job) });
    },
  );

  router.get('/api/documents', requireAdmin('documents:read'), async (req, res) => {
    res.json({ items: (await kb.list(req.admin!.tenantId)).map(documentView) });
  });

  router.get('/api/documents/jobs/:jobId', requireAdmin('documents:read'), async (req, res) => {
    const job = await kb.job(req.admin!.tenantId, String(req.params.jobId));
    if (!job) throw new ParleyError('PARLEY_INGEST_JOB_NOT_FOUND');
    res.json({ job: jobView(job) });
  });

  router.get(
    '/api/documents/jobs/:jobId/events',
    requireAdmin('documents:read'),
    async (req, res) => {
      const tenantId = req.admin!.tenantId;
      const jobId = String(req.params.jobId);
      if (!(await kb.job(tenantId, jobId))) throw new ParleyError('PARLEY_INGEST_JOB_NOT_FOUND');
      const sse = new SseWriter(res);
      let last = '';
      // Progress lives in the database, so this works on any instance, not only the one ingesting.
      while (!sse.isClosed) {
        const job = await kb.job(tenantId, jobId);
        if (!job) break;
        const view = jobView(job);
        const frame = JSON.stringify(view);
        if (frame !== last) sse.send({ event: 'progress', data: view });
        last = frame;
        if (job.status === 'done') {
          sse.send({ event: 'done', data: view });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      sse.end();
    },
  );

  router.get('/api/documents/:id', requireAdmin('documents:read'), async (req, res) => {
    res.json({ document: documentView(await kb.get(req.admin!.tenantId, String(req.params.id))) });
  });

  router.delete('/api/documents/:id', requireAdmin('documents:write'), async (req, res) => {
    const document = await kb.get(req.admin!.tenantId, String(req.params.id));
    await kb.remove(req.admin!.tenantId, String(document._id));
    await audit(req, {
      action: 'documents.delete',
      target: { type: 'document', id: String(document._id), label: document.title },
      before: { source: document.source, chunkCount: document.chunkCount },
    });
    res.status(204).end();
  });

  router.post('/api/documents/:id/reindex', requireAdmin('documents:write'), async (req, res) => {
    const job = await kb.reindexDocument(req.admin!.tenantId, String(req.params.id));
    await audit(req, {
      action: 'documents.reindex',
      target: { type: 'document', id: String(req.params.id), label: job.items[0]?.filename ?? '' },
    });
    res.status(202).json({ job: jobView(job) });
  });

  return router;
}
