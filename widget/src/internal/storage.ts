/** One message as kept in the browser between page loads. */
export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  messageId?: string;
  sources?: { id: string; title: string; url?: string; snippet?: string }[];
  finishReason?: string;
  feedback?: 'up' | 'down';
}

/** What survives a reload or an SPA route change, per tenant key. */
export interface StoredConversation {
  /** Whose conversation this is (see `identityOwner`), so a new user never sees it. */
  owner: string;
  conversationId?: string;
  messages: StoredMessage[];
}

/** Messages kept locally; older ones stay on the server. */
const keep = 50;

const conversationKey = (key: string) => `parley:v1:${key}:conversation`;
// A signed-in user's token is bound to them, so it is kept apart from the anonymous
// visitor's: after signing out, this browser must not go on asking as that user.
const visitorKey = (key: string, owner: string) =>
  `parley:v1:${key}:visitor${owner === 'anonymous' ? '' : `:${owner}`}`;

/** The stored conversation for this tenant key and owner, if any. */
export function loadConversation(key: string, owner: string): StoredConversation | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(conversationKey(key)) ?? 'null');
    if (!value || value.owner !== owner || !Array.isArray(value.messages)) return undefined;
    const messages = (value.messages as StoredMessage[]).filter(
      (m) => m && (m.role === 'user' || m.role === 'assistant') && typeof m.text === 'string',
    );
    return {
      owner,
      conversationId: typeof value.conversationId === 'string' ? value.conversationId : undefined,
      messages,
    };
  } catch {
    return undefined;
  }
}

/** Saves the conversation (the latest messages only). */
export function saveConversation(key: string, conversation: StoredConversation): void {
  try {
    localStorage.setItem(
      conversationKey(key),
      JSON.stringify({ ...conversation, messages: conversation.messages.slice(-keep) }),
    );
  } catch {
    // Storage full or blocked: the conversation just does not survive a reload.
  }
}

/** Forgets the stored conversation ("New chat"). */
export function clearConversation(key: string): void {
  try {
    localStorage.removeItem(conversationKey(key));
  } catch {
    // Nothing stored, or storage blocked: nothing to clear.
  }
}

/**
 * The visitor's opaque token for this tenant and owner (see `identityOwner`):
 * 128 random bits, created on first use and kept, so the server can tie a
 * returning visitor's conversations (and rate limits) to them without
 * knowing who they are.
 */
export function visitorToken(key: string, owner: string): string {
  try {
    const existing = localStorage.getItem(visitorKey(key, owner));
    if (existing && /^[\w.-]{16,512}$/.test(existing)) return existing;
  } catch {
    // Fall through to a per-page token.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = `v_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  try {
    localStorage.setItem(visitorKey(key, owner), token);
  } catch {
    // Not persisted: this page load keeps its own token.
  }
  return token;
}

/** Replaces the visitor token with one the server issued (sent in the `meta` event). */
export function rememberVisitorToken(key: string, owner: string, token: string): void {
  try {
    localStorage.setItem(visitorKey(key, owner), token);
  } catch {
    // Not persisted.
  }
}
