import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { SseWriter } from '../http/sse';

/** Longest message a visitor may send, in characters. */
export const maxMessageLength = 4000;

const chatBody = z.object({
  conversationId: z.string().min(1).max(64).optional(),
  message: z.string().trim().min(1, 'must not be empty'),
  identity: z.record(z.string(), z.unknown()).optional(),
});

/**
 * `POST /v1/chat`: the chat stream (DESIGN.md protocol). This first version
 * streams a fixed reply so the widget and its tests exercise the real wire
 * format; retrieval and models replace the content, not the shape.
 */
export function chatRouter(options: { tokenDelayMs?: number } = {}): Router {
  const router = Router();
  const delay = options.tokenDelayMs ?? 30;
  router.post('/v1/chat', async (req, res) => {
    const parsed = chatBody.safeParse(req.body);
    if (!parsed.success) {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Invalid ${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}`,
      });
    }
    const { message } = parsed.data;
    if (message.length > maxMessageLength) {
      throw new ParleyError('PARLEY_CHAT_MESSAGE_TOO_LONG', {
        message: `Messages are limited to ${maxMessageLength} characters; this one has ${message.length}.`,
      });
    }
    const conversationId = parsed.data.conversationId ?? randomUUID();
    const messageId = randomUUID();
    const sse = new SseWriter(res);
    let seq = 0;
    const id = () => `${messageId}:${seq++}`;
    sse.send({ id: id(), event: 'meta', data: { conversationId, messageId } });
    const reply = `Parley is running. You asked: “${message.slice(0, 200)}”. Answers from your documents arrive in a later version.`;
    const pieces = reply.match(/\S+\s*/g) ?? [];
    for (const delta of pieces) {
      if (!sse.send({ id: id(), event: 'token', data: { delta } })) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    sse.send({
      id: id(),
      event: 'done',
      data: {
        messageId,
        finishReason: 'stop',
        usage: { promptTokens: message.split(/\s+/).length, completionTokens: pieces.length },
      },
    });
    sse.end();
  });
  return router;
}
