import { Router } from 'express';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { requireAdmin } from '../middleware/admin-auth';
import { Transcripts } from '../services/chat/transcripts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  feedback: z.enum(['up', 'down']).optional(),
  q: z.string().max(200).optional(),
});

/**
 * The console's conversation transcripts (`conversations:read`): `GET
 * /api/conversations` lists the caller's tenant's conversations newest
 * first (filters: feedback, title words; cursor paging), `GET
 * /api/conversations/:id` returns one with its messages, sources, feedback,
 * usage and latencies.
 */
export function adminConversationsRouter(connection: Connection): Router {
  const router = Router();
  const read = requireAdmin('conversations:read');
  const transcripts = (tenantId: unknown) => new Transcripts(connection, String(tenantId));

  router.get('/api/conversations', read, async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Invalid ${issue?.path.join('.') || 'query'}: ${issue?.message}`,
      });
    }
    res.json(await transcripts(req.admin!.tenantId).list(parsed.data));
  });

  router.get('/api/conversations/:id', read, async (req, res) => {
    const transcript = await transcripts(req.admin!.tenantId).read(String(req.params.id));
    if (!transcript) throw new ParleyError('PARLEY_CONVERSATION_NOT_FOUND');
    res.json(transcript);
  });
  return router;
}
