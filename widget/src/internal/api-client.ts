import { apiUrl } from './api-url';

/** Where and as whom the widget calls the API. */
export interface ApiContext {
  api: string;
  publishableKey: string;
  visitorToken: string;
  /** The verified user's identity JWT, when there is one: it proves who asks on any device. */
  identityToken?: string;
}

/** The widget's request headers: tenant key, owner token and, for a verified user, their identity. */
export function headers(context: ApiContext, json = false): Record<string, string> {
  const out: Record<string, string> = {
    'X-Parley-Key': context.publishableKey,
    'X-Parley-Visitor': context.visitorToken,
  };
  if (context.identityToken) out['X-Parley-Identity'] = context.identityToken;
  if (json) out['Content-Type'] = 'application/json';
  return out;
}

/** `POST /v1/messages/:id/stop`: tells the server to stop generating (best effort). */
export async function stopMessage(context: ApiContext, messageId: string): Promise<void> {
  await fetch(apiUrl(context.api, `v1/messages/${encodeURIComponent(messageId)}/stop`), {
    method: 'POST',
    headers: headers(context),
    keepalive: true,
  }).catch(() => undefined);
}

/** `POST /v1/messages/:id/feedback` with `{ rating, comment? }`; throws on failure. */
export async function sendFeedback(
  context: ApiContext,
  messageId: string,
  feedback: { rating: 'up' | 'down'; comment?: string },
): Promise<void> {
  const response = await fetch(
    apiUrl(context.api, `v1/messages/${encodeURIComponent(messageId)}/feedback`),
    { method: 'POST', headers: headers(context, true), body: JSON.stringify(feedback) },
  );
  if (!response.ok) throw new Error(`feedback: HTTP ${response.status}`);
}
