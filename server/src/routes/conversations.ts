import { Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import type { Message } from '../models/message';
import { ChatStore, type ConversationListing } from '../services/chat/chat-store';
import { ownerKey } from '../services/chat/owner-token';
import { resolveOwner } from '../services/chat/request-owner';
import { parseInput } from '../services/tenants/schemas';
import { ownerEvidence, type WidgetRouteDeps, widgetTenant } from './chat';

const feedbackBody = z
  .object({
    rating: z.enum(['up', 'down']),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict();

const limitRule = 'must be a whole number from 1 to 20';
const listQuery = z.object({
  limit: z
    .string({ error: limitRule })
    .regex(/^(?:[1-9]|1[0-9]|20)$/, limitRule)
    .transform(Number)
    .default(10),
});

/** A conversation as the widget lists it. */
function publicConversation(c: ConversationListing) {
  return {
    id: String(c._id),
    title: c.title,
    messageCount: c.messageCount,
    lastMessageAt: c.lastMessageAt,
  };
}

/** A stored message as the widget reads it back. */
function publicMessage(m: Message) {
  return {
    id: String(m._id),
    role: m.role,
    content: m.content,
    status: m.status,
    createdAt: m.createdAt,
    ...(m.role === 'assistant'
      ? {
          sources: m.sources.map(({ id, title, url, snippet, score }) => ({
            id,
            title,
            ...(url ? { url } : {}),
            snippet,
            score,
          })),
          finishReason: m.finishReason,
        }
      : {}),
    ...(m.feedback ? { feedback: { rating: m.feedback.rating, comment: m.feedback.comment } } : {}),
  };
}

/**
 * The widget's conversation endpoints, all for the conversation's owner
 * only (owner token in `X-Parley-Visitor` or a verified identity in
 * `X-Parley-Identity`): the owner's conversations (so a verified user's
 * history follows them to a new device), history, feedback on an answer,
 * and stop.
 */
export function conversationsRouter(deps: WidgetRouteDeps): Router {
  const router = Router();
  const ownerOf = async (req: Parameters<typeof ownerEvidence>[0]) => {
    const tenant = widgetTenant(req);
    const { owner } = await resolveOwner(tenant, deps.chat.tokens, ownerEvidence(req), false);
    return { tenant, owner, store: new ChatStore(deps.chat.connection, tenant.id) };
  };

  router.get('/v1/conversations', deps.widgetAuth, async (req, res) => {
    const { limit } = parseInput(listQuery, req.query);
    const { owner, store } = await ownerOf(req);
    const conversations = await store.listConversations(owner, limit);
    // Per owner and changing with every answer: no cache may keep it.
    res.setHeader('Cache-Control', 'no-store');
    res.json({ conversations: conversations.map(publicConversation) });
  });

  router.get('/v1/conversations/:id/messages', deps.widgetAuth, async (req, res) => {
    const { owner, store } = await ownerOf(req);
    const messages = await store.listMessages(String(req.params.id), owner);
    if (!messages) throw new ParleyError('PARLEY_CONVERSATION_NOT_FOUND');
    res.json({ conversationId: req.params.id, messages: messages.map(publicMessage) });
  });

  router.post('/v1/messages/:id/feedback', deps.widgetAuth, async (req, res) => {
    const parsed = feedbackBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
      });
    }
    const { owner, store } = await ownerOf(req);
    const message = await store.findMessage(String(req.params.id), owner);
    if (message?.role !== 'assistant') throw new ParleyError('PARLEY_MESSAGE_NOT_FOUND');
    const feedback = { ...parsed.data, at: new Date() };
    await store.setFeedback(message, feedback);
    res.json({ messageId: String(message._id), feedback: parsed.data });
  });

  router.post('/v1/messages/:id/stop', deps.widgetAuth, async (req, res) => {
    const { tenant, owner, store } = await ownerOf(req);
    const id = String(req.params.id);
    if (/^[0-9a-f]{24}$/.test(id)) {
      if (await deps.chat.registry.requestStop(tenant.id, id, ownerKey(owner))) {
        res.status(202).json({ messageId: id, stopping: true });
        return;
      }
    }
    // Already finished (or never streamed): stopping is a no-op for the owner.
    const message = await store.findMessage(id, owner);
    if (message?.role !== 'assistant') throw new ParleyError('PARLEY_MESSAGE_NOT_FOUND');
    res.json({ messageId: id, stopping: false, status: message.status });
  });
  return router;
}
