import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { SseWriter } from '../http/sse';
import type { ChatModule } from '../services/chat/create-chat';
import { ownerKey } from '../services/chat/owner-token';
import { resolveOwner } from '../services/chat/request-owner';
import type { StreamSource } from '../services/chat/stream-registry';
import { chatTenantOf, type WidgetTenant } from '../services/chat/tenant';

/** Longest message a visitor may send, in characters. */
export const maxMessageLength = 4000;

const chatBody = z.object({
  conversationId: z.string().min(1).max(64).optional(),
  message: z.string().trim().min(1, 'must not be empty'),
  identity: z.unknown().optional(),
  /** The page's language; the answer uses it (the prompt checks it is a language tag). */
  locale: z.string().trim().max(35).optional(),
});

const lastEventIdPattern = /^([0-9a-f]{24}):(-1|\d{1,7})$/;

/** What the widget routes need. */
export interface WidgetRouteDeps {
  chat: ChatModule;
  /** `requireWidgetKey`: resolves `X-Parley-Key`, checks the origin, sets `req.widget`. */
  widgetAuth: RequestHandler;
  /** Interval of SSE comment heartbeats. */
  heartbeatMs?: number;
}

/** The tenant `requireWidgetKey` attached to the request. */
export function widgetTenant(req: Request) {
  const widget = (req as Request & { widget?: { tenant: WidgetTenant } }).widget;
  if (!widget) throw new Error('widget routes must run after requireWidgetKey');
  return chatTenantOf(widget.tenant);
}

/** Who is asking, from the identity / owner-token headers and an optional body identity. */
export function ownerEvidence(req: Request, identity?: unknown) {
  return {
    identity,
    identityHeader: req.get('X-Parley-Identity') || undefined,
    visitorHeader: req.get('X-Parley-Visitor') || undefined,
  };
}

/**
 * `POST /v1/chat` (DESIGN.md protocol): a new question streams `meta`,
 * `sources`, `token`…, `done`/`error`; with `Last-Event-ID:
 * <messageId>:<seq>` it resumes that answer after `seq`, on any instance.
 */
export function chatRouter(deps: WidgetRouteDeps): Router {
  const router = Router();
  router.post('/v1/chat', deps.widgetAuth, async (req, res) => {
    const startedAt = Date.now();
    const tenant = widgetTenant(req);
    const lastEventId = req.get('Last-Event-ID');
    if (lastEventId) {
      const match = lastEventIdPattern.exec(lastEventId.trim());
      if (!match) {
        throw new ParleyError('PARLEY_VALIDATION_FAILED', {
          message: 'Last-Event-ID must be <messageId>:<seq> as sent in the stream.',
        });
      }
      // A reconnect re-sends the first request's body: its identity still names the owner.
      const identity = (req.body as { identity?: unknown } | undefined)?.identity;
      const evidence = ownerEvidence(req, identity);
      const { owner } = await resolveOwner(tenant, deps.chat.tokens, evidence, false);
      const source = await deps.chat.registry.open(tenant.id, match[1]!, ownerKey(owner));
      if (!source) throw new ParleyError('PARLEY_CHAT_STREAM_NOT_FOUND');
      await pipeToSse(res, source, match[1]!, Number(match[2]), deps.heartbeatMs);
      return;
    }
    const parsed = chatBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
      });
    }
    const { message, conversationId, identity, locale } = parsed.data;
    if (message.length > maxMessageLength) {
      throw new ParleyError('PARLEY_CHAT_MESSAGE_TOO_LONG', {
        message: `Messages are limited to ${maxMessageLength} characters; this one has ${message.length}.`,
      });
    }
    const { owner, issuedToken } = await resolveOwner(
      tenant,
      deps.chat.tokens,
      ownerEvidence(req, identity),
      true,
    );
    const run = await deps.chat.service.start({
      tenant: locale ? { ...tenant, locale } : tenant,
      owner,
      question: message,
      conversationId,
      visitorToken: issuedToken,
      ip: req.ip,
      startedAt,
    });
    if (issuedToken) res.setHeader('X-Parley-Visitor', issuedToken);
    await pipeToSse(res, run, run.messageId, -1, deps.heartbeatMs);
  });
  return router;
}

/** Streams a run's events after `afterSeq` as SSE until it ends or the client leaves. */
async function pipeToSse(
  res: Response,
  source: StreamSource,
  messageId: string,
  afterSeq: number,
  heartbeatMs?: number,
): Promise<void> {
  const sse = new SseWriter(res, heartbeatMs);
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  // The client may have left while the answer was being set up: 'close' has fired already.
  if (res.destroyed || !res.socket || res.socket.destroyed) gone.abort();
  await source.pipe(
    afterSeq,
    (event) => sse.send({ id: `${messageId}:${event.seq}`, event: event.event, data: event.data }),
    gone.signal,
  );
  sse.end();
}
