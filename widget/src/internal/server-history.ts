/**
 * The server's copy of a conversation, for when nothing is stored in this
 * browser: another tab cleared it, or a verified user opens the widget on a
 * new device (their latest conversation, so history follows them). Its own
 * chunk: most visitors never need it, and the panel's bytes are paid on
 * every first open. It imports nothing at run time (the panel hands it
 * `get`), so no code shared with the panel is split into a third file.
 */
import type { StoredMessage } from './storage';

/** `GET`s a route of the API as the panel's owner (key, owner token, identity). */
export type ApiGet = (route: string) => Promise<Response>;

/** The JSON body of a successful answer; throws on an HTTP error. */
async function getJson(get: ApiGet, route: string): Promise<Record<string, unknown>> {
  const response = await get(route);
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  return response.json();
}

/** `GET /v1/conversations?limit=1`: the id of the owner's latest conversation, if any. */
async function latestConversationId(get: ApiGet): Promise<string | undefined> {
  const body = (await getJson(get, 'v1/conversations?limit=1')) as {
    conversations?: { id?: unknown }[];
  };
  const id = body.conversations?.[0]?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * `GET /v1/conversations/:id/messages`: the server's copy of a conversation,
 * used when nothing is stored locally (another tab, cleared storage).
 */
async function fetchHistory(get: ApiGet, conversationId: string): Promise<StoredMessage[]> {
  const body = await getJson(
    get,
    `v1/conversations/${encodeURIComponent(conversationId)}/messages`,
  );
  const list = Array.isArray(body.messages) ? body.messages : [];
  return list.flatMap((item: unknown, index: number): StoredMessage[] => {
    const raw = (item ?? {}) as Record<string, unknown>;
    if (raw.role !== 'user' && raw.role !== 'assistant') return [];
    const text = typeof raw.content === 'string' ? raw.content : '';
    const id = typeof raw.id === 'string' ? raw.id : `h${index}`;
    const sources = Array.isArray(raw.sources)
      ? (raw.sources as StoredMessage['sources'])
      : undefined;
    return [
      { id, role: raw.role, text, messageId: raw.role === 'assistant' ? id : undefined, sources },
    ];
  });
}

/**
 * The conversation `id`'s messages, or with no id the owner's latest
 * conversation; undefined when there is none (or it has no messages).
 */
export async function serverHistory(
  get: ApiGet,
  id: string | undefined,
): Promise<{ id: string; messages: StoredMessage[] } | undefined> {
  const found = id ?? (await latestConversationId(get));
  const messages = found ? await fetchHistory(get, found) : [];
  return found && messages.length ? { id: found, messages } : undefined;
}
