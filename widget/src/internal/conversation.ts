import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../locales';
import { type ApiContext, headers, sendFeedback, stopMessage } from './api-client';
import { apiUrl } from './api-url';
import { type ChatSource, ChatStreamError, streamChat } from './chat-stream';
import { errorMessageKey } from './error-messages';
import { type Identity, identityOwner } from './identity';
import {
  clearConversation,
  loadConversation,
  rememberVisitorToken,
  type StoredMessage,
  saveConversation,
  visitorToken,
} from './storage';

/** A message on screen: what is stored plus its live state. */
export interface UiMessage extends StoredMessage {
  status: 'streaming' | 'done' | 'stopped';
  /** The feedback form's state for this answer. */
  feedbackState?: 'comment' | 'sent';
}

/** A failure shown under the conversation, with Retry. */
export interface UiError {
  code: string;
  message: string;
  key: MessageKey;
}

/** What the controller needs from the element that hosts it. */
export interface ConversationHost extends ReactiveControllerHost {
  readonly publishableKey: string;
  readonly api: string;
  readonly identity: Identity | undefined;
  readonly locale: string;
  /** First reconnect delay of the stream (tests shorten it). */
  readonly retryBaseMs: number;
  onUserMessage(message: UiMessage): void;
  onAnswer(message: UiMessage, conversationId: string | undefined): void;
  onFailure(error: UiError): void;
}

let counter = 0;
const localId = () => `l${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * The conversation's state and actions (send, stop, retry, new chat,
 * feedback), persisted per tenant key and owner. A Lit reactive controller:
 * the panel renders it and asks it to act; it never touches the DOM.
 */
export class ConversationController implements ReactiveController {
  messages: UiMessage[] = [];
  conversationId: string | undefined;
  error: UiError | undefined;
  /** True from send until the answer ends. */
  busy = false;
  /** True until the first token of the current answer arrives. */
  waiting = false;
  private abort: AbortController | undefined;
  private lastQuestion = '';
  private restoredFor = '';

  constructor(private readonly host: ConversationHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.restore();
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  private get context(): ApiContext {
    const { api, publishableKey, identity } = this.host;
    return {
      api,
      publishableKey,
      visitorToken: visitorToken(publishableKey, this.owner),
      identityToken: identity && 'token' in identity ? identity.token : undefined,
    };
  }

  private get owner(): string {
    return identityOwner(this.host.identity);
  }

  /**
   * Loads the stored conversation when the key or the user changed; true
   * when it did. With nothing stored here, the server's copy is fetched: the
   * stored conversation's messages, or, for a verified user on a new
   * device, their latest conversation, so history follows them.
   */
  restore(): boolean {
    const key = this.host.publishableKey;
    const target = `${key}|${this.owner}`;
    if (!key || target === this.restoredFor) return false;
    // Another user or key while an answer streams: stop it, so it is kept
    // as the previous owner's (persist writes for `restoredFor`).
    if (this.busy) this.stop();
    this.restoredFor = target;
    const stored = loadConversation(key, this.owner);
    this.conversationId = stored?.conversationId;
    this.messages = (stored?.messages ?? []).map(restored);
    this.error = undefined;
    this.host.requestUpdate();
    const context = this.context;
    const id = stored?.conversationId;
    if (!this.messages.length && (id || (!stored && context.identityToken))) {
      import('./server-history')
        .then((m) =>
          m.serverHistory(
            (route) => fetch(apiUrl(context.api, route), { headers: headers(context) }),
            id,
          ),
        )
        .then(
          (found) => {
            // Not if the user or key changed meanwhile, or a question was asked.
            if (!found || this.restoredFor !== target || this.messages.length) return;
            this.conversationId = found.id;
            this.messages = found.messages.map(restored);
            this.persist();
            this.host.requestUpdate();
          },
          () => {},
        );
    }
    return true;
  }

  /** Sends a question and streams the answer. Ignored while an answer streams. */
  async send(text: string): Promise<void> {
    const question = text.trim();
    if (!question || this.busy) return;
    this.restore();
    this.lastQuestion = question;
    const user: UiMessage = { id: localId(), role: 'user', text: question, status: 'done' };
    this.messages = [...this.messages, user];
    this.persist();
    this.host.onUserMessage(user);
    await this.ask(question);
  }

  /** Sends the last question again after a failure. */
  async retry(): Promise<void> {
    if (this.busy || !this.lastQuestion) return;
    await this.ask(this.lastQuestion);
  }

  /** Stops the streaming answer, keeping what arrived so far. */
  stop(): void {
    const answer = this.messages.at(-1);
    this.abort?.abort();
    if (answer?.role === 'assistant' && answer.status === 'streaming') {
      answer.status = 'stopped';
      answer.finishReason = 'stopped';
      if (answer.messageId) void stopMessage(this.context, answer.messageId);
    }
    this.finish();
  }

  /** Forgets the conversation (locally; the server keeps its transcript). */
  newConversation(): void {
    this.abort?.abort();
    clearConversation(this.host.publishableKey);
    this.messages = [];
    this.conversationId = undefined;
    this.error = undefined;
    this.lastQuestion = '';
    this.finish();
  }

  /** Records thumbs up/down (and an optional comment) for an answer. */
  async feedback(message: UiMessage, rating: 'up' | 'down', comment?: string): Promise<void> {
    if (!message.messageId) return;
    message.feedback = rating;
    message.feedbackState = rating === 'down' && comment === undefined ? 'comment' : 'sent';
    this.host.requestUpdate();
    this.persist();
    if (message.feedbackState === 'comment') return;
    try {
      await sendFeedback(this.context, message.messageId, {
        rating,
        ...(comment ? { comment: comment.slice(0, 2000) } : {}),
      });
    } catch {
      // Feedback is best effort: the visitor's answer matters more than a lost vote.
    }
  }

  private async ask(question: string): Promise<void> {
    this.error = undefined;
    this.busy = true;
    this.waiting = true;
    const answer: UiMessage = { id: localId(), role: 'assistant', text: '', status: 'streaming' };
    this.messages = [...this.messages, answer];
    this.host.requestUpdate();
    const abort = new AbortController();
    this.abort = abort;
    const key = this.host.publishableKey;
    const owner = this.owner;
    try {
      await streamChat({
        context: this.context,
        message: question,
        conversationId: this.conversationId,
        identity: this.host.identity,
        locale: this.host.locale,
        signal: abort.signal,
        retryBaseMs: this.host.retryBaseMs,
        handlers: {
          onMeta: (meta) => {
            this.conversationId = meta.conversationId;
            answer.messageId = meta.messageId;
            if (typeof meta.visitorToken === 'string')
              rememberVisitorToken(key, owner, meta.visitorToken);
          },
          onSources: (sources) => {
            answer.sources = sources.map(cleanSource).filter((s) => s !== undefined);
            this.host.requestUpdate();
          },
          onToken: (delta) => {
            answer.text += delta;
            this.waiting = false;
            this.host.requestUpdate();
          },
          onDone: (done) => {
            answer.finishReason = done.finishReason;
          },
        },
      });
      if (abort.signal.aborted) return;
      answer.status = 'done';
      this.host.onAnswer(answer, this.conversationId);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.fail(answer, error);
    } finally {
      if (this.abort === abort) this.finish();
    }
  }

  private fail(answer: UiMessage, error: unknown): void {
    const failure =
      error instanceof ChatStreamError
        ? error
        : new ChatStreamError('PARLEY_WIDGET_NETWORK', String(error));
    // A partial answer stays (marked stopped); an empty one disappears.
    if (answer.text) answer.status = 'stopped';
    else this.messages = this.messages.filter((m) => m !== answer);
    this.error = { code: failure.code, message: failure.message, key: errorMessageKey(failure) };
    this.host.onFailure(this.error);
  }

  private finish(): void {
    this.abort = undefined;
    this.busy = false;
    this.waiting = false;
    this.persist();
    this.host.requestUpdate();
  }

  private persist(): void {
    const key = this.host.publishableKey;
    if (!key) return;
    // A verified user's empty conversation is kept as such: otherwise the next
    // page would bring back the server's latest one they just left.
    if (this.messages.length === 0 && !this.conversationId && !this.context.identityToken) {
      clearConversation(key);
      return;
    }
    saveConversation(key, {
      // Whose messages these are: the owner they were loaded for, even if the
      // host page has just identified someone else.
      owner: this.restoredFor.slice(key.length + 1),
      conversationId: this.conversationId,
      messages: this.messages
        .filter((m) => m.status !== 'streaming')
        .map(({ id, role, text, messageId, sources, finishReason, feedback }) => ({
          id,
          role,
          text,
          messageId,
          sources,
          finishReason,
          feedback,
        })),
    });
  }
}

/** A stored message back on screen: a stopped answer stays marked as stopped after a reload. */
function restored(message: StoredMessage): UiMessage {
  return { ...message, status: message.finishReason === 'stopped' ? 'stopped' : 'done' };
}

/** Keeps a source's fields as plain strings; URLs only when http(s). */
function cleanSource(raw: ChatSource): ChatSource | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const title = typeof raw.title === 'string' ? raw.title.slice(0, 300) : '';
  let url: string | undefined;
  if (typeof raw.url === 'string') {
    try {
      const parsed = new URL(raw.url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') url = parsed.href;
    } catch {
      // Not a URL: the citation is shown without a link.
    }
  }
  return {
    id: String(raw.id ?? title),
    title: title || url || '—',
    url,
    snippet: typeof raw.snippet === 'string' ? raw.snippet.slice(0, 500) : undefined,
  };
}
