import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ParleyErrorEvent } from '../../events/parley-error';
import { ParleyMessageEvent } from '../../events/parley-message';
import { ConversationController, type UiError, type UiMessage } from '../../internal/conversation';
import { trapTab } from '../../internal/focus-trap';
import type { Identity } from '../../internal/identity';
import { lockPageScroll, trackVisualViewport } from '../../internal/page-effects';
import { normalizeConfig } from '../../internal/panel-config';
import {
  type Catalog,
  directionOf,
  en,
  type Locale,
  loadCatalog,
  type MessageKey,
  resolveLocale,
  translate,
} from '../../locales';
import { panelStyles } from './panel.styles';

/** The account bar's chunk, loaded only for tenants with widget sign-in. */
const loadSignIn = () => import('../../internal/sign-in');

import { brandImage, icons, type MessageView, messageTemplate } from './panel.template';

/** Every part the panel renders (its `exportparts` inside <parley-chat>). */
const exportedParts =
  'header, logo, title, header-actions, new-chat, close, messages, message, message-body, avatar, citations, citation, feedback, typing, starters, starter, composer, input, send, stop, retry, error, greeting, powered-by';

/**
 * @summary The chat panel: greeting, starters, the streamed conversation and the composer.
 * Loaded lazily by `<parley-chat>`; usable on its own for custom launchers.
 *
 * @event {ParleyMessageEvent} parley-message - The user sent a message, or an answer finished.
 * @event {ParleyErrorEvent} parley-error - A message could not be sent or answered.
 *
 * @csspart base - The panel's layout root.
 * @csspart header - The title bar.
 * @csspart title - The assistant's name.
 * @csspart logo - The tenant's logo in the title bar (from the theme).
 * @csspart avatar - The assistant's picture beside each answer (from the theme).
 * @csspart account - The sign-in bar under the header, for tenants with SAML widget sign-in.
 * @csspart sign-in - Opens the company sign-in.
 * @csspart sign-out - Signs out.
 * @csspart signed-in - Who is signed in.
 * @csspart sign-in-status - Sign-in progress or problem.
 * @csspart header-actions - The title bar's buttons.
 * @csspart new-chat - Starts a new conversation.
 * @csspart close - Closes the panel (not inline).
 * @csspart messages - The scrolling conversation.
 * @csspart greeting - The greeting.
 * @csspart message - One message (`data-role`, `data-status`).
 * @csspart message-body - Its text.
 * @csspart citations - Sources under an answer.
 * @csspart citation - One source.
 * @csspart feedback - Thumbs up/down and comment.
 * @csspart typing - The typing indicator.
 * @csspart starters - Suggested questions.
 * @csspart starter - One suggested question.
 * @csspart error - The error notice.
 * @csspart retry - Sends the last question again.
 * @csspart composer - The input form.
 * @csspart input - The message field.
 * @csspart send - The send button.
 * @csspart stop - Stops the answer.
 * @csspart powered-by - The attribution line.
 *
 * @cssprop --parley-color-primary - Brand colour (header, user bubbles, buttons).
 * @cssprop --parley-color-surface - Panel background.
 */
export class ParleyPanel extends LitElement {
  static override styles = panelStyles;

  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    api: {},
    config: { attribute: false },
    locale: {},
    mode: { reflect: true },
    position: { reflect: true },
    identity: { attribute: false },
    retryBaseMs: { type: Number, attribute: false },
    announcement: { state: true },
    catalog: { state: true },
  };

  /** The tenant's publishable key. */
  publishableKey = '';
  /** Base URL of the Parley API. */
  api = window.location.origin;
  /**
   * The tenant's widget config body (greeting, starters, names), as the
   * server sent it: the panel checks the fields it reads (panel-config.ts).
   * Defaults apply without it.
   */
  config: unknown;
  /** The widget's locale. */
  locale: Locale = 'en';
  /** `bubble` and `fullscreen` make the panel a modal dialog; `inline` a region. */
  mode: 'bubble' | 'inline' | 'fullscreen' = 'bubble';
  /** Where the floating panel sits in bubble mode: `bottom-right` or `bottom-left`. */
  position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** The verified user, when the host page called `identify()`. */
  identity: Identity | undefined;
  /** First reconnect delay after a dropped stream, in milliseconds. */
  retryBaseMs = 400;

  private announcement = '';
  /** `config`, checked. */
  private settings = normalizeConfig(undefined);
  private catalog: Catalog = en;

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('[part~="input"]');
  }

  private get log(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="messages"]');
  }

  private readonly conversation = new ConversationController(this);
  private stickToBottom = true;

  /** Moves focus to the message field. */
  focusInput(): void {
    this.updateComplete.then(() => this.input?.focus());
  }

  /** Sends a message as if the user typed it. */
  send(text: string): Promise<void> {
    return this.conversation.send(text);
  }

  /** Stops the answer being streamed. */
  stop(): void {
    this.conversation.stop();
  }

  /**
   * Locks the page's scroll and follows the on-screen keyboard for a
   * full-screen panel inside `host`; returns the release function. Here
   * rather than in <parley-chat> because only an open panel needs it, and
   * the loader every visitor downloads should not carry it.
   */
  holdPage(host: HTMLElement): () => void {
    const releases = [lockPageScroll(), trackVisualViewport(host)];
    return () => {
      for (const release of releases) release();
    };
  }

  /** Clears the conversation and starts over. */
  newConversation(): void {
    this.conversation.newConversation();
    this.announcement = '';
    this.focusInput();
  }

  /** The theme's bot name first (set in the theme editor), then the widget settings'. */
  private get botName(): string {
    const { theme, widget } = this.settings;
    return theme?.brand?.botName || widget.botName || this.t('defaultBotName');
  }

  private t = (key: MessageKey, values?: Record<string, string>) =>
    translate(this.catalog, key, values);

  /** Called by the conversation controller. */
  onUserMessage(message: UiMessage): void {
    this.stickToBottom = true;
    this.dispatchEvent(new ParleyMessageEvent({ role: 'user', text: message.text }));
  }

  /** Called by the conversation controller when an answer completes: announced once. */
  onAnswer(message: UiMessage, conversationId: string | undefined): void {
    const text = message.text
      .replace(/[*_`#>|[\]()-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    this.announcement = this.t('answerAnnouncement', { name: this.botName, text });
    this.dispatchEvent(
      new ParleyMessageEvent({
        role: 'assistant',
        text: message.text,
        messageId: message.messageId,
        conversationId,
        finishReason: message.finishReason,
      }),
    );
  }

  /** Called by the conversation controller when a send fails. */
  onFailure(error: UiError): void {
    this.dispatchEvent(new ParleyErrorEvent({ code: error.code, message: error.message }));
  }

  private messageView(): MessageView {
    return {
      t: this.t,
      botName: this.botName,
      avatarUrl:
        this.settings.theme?.brand?.avatarUrl || this.settings.widget.avatarUrl || undefined,
      linkTarget: this.settings.widget.linkTarget ?? '_blank',
      onFeedback: (message, rating, comment) =>
        void this.conversation.feedback(message, rating, comment),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside <parley-chat>, the panel's parts are styled through the outer element.
    if (!this.hasAttribute('exportparts')) this.setAttribute('exportparts', exportedParts);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) this.settings = normalizeConfig(this.config);
    if (changed.has('locale')) {
      const locale = resolveLocale(this.locale);
      void loadCatalog(locale).then((catalog) => {
        if (resolveLocale(this.locale) === locale) this.catalog = catalog;
      });
    }
    if (changed.has('publishableKey') || changed.has('identity')) {
      // Another tenant or user: nothing of the previous conversation may stay on screen.
      if (this.conversation.restore()) this.announcement = '';
    }
    const modal = this.mode !== 'inline';
    this.setAttribute('role', modal ? 'dialog' : 'region');
    this.toggleAttribute('aria-modal', false);
    if (modal) this.setAttribute('aria-modal', 'true');
    this.setAttribute('aria-label', this.t('dialogLabel', { name: this.botName }));
  }

  protected override updated(): void {
    // Reading scrollHeight forces a layout: not for the first, empty render.
    if (this.stickToBottom && this.conversation.messages.length && this.log)
      this.log.scrollTop = this.log.scrollHeight;
    // Set when employees can sign in with the company's SAML IdP (docs/sso.md).
    if ((this.config as { sso?: unknown } | undefined)?.sso)
      loadSignIn().then(
        (m) => m.renderAccount(this, this.config),
        () => {}, // Without the chunk there is no sign-in offer; the chat still works.
      );
  }

  private onScroll(): void {
    const log = this.log!;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.mode !== 'inline') {
      event.stopPropagation();
      this.requestClose('escape');
    } else if (this.mode !== 'inline') {
      trapTab(event, this.renderRoot as ShadowRoot);
    }
  }

  private requestClose(reason: 'escape' | 'close-button'): void {
    this.dispatchEvent(
      new CustomEvent('parley-request-close', { bubbles: true, detail: { reason } }),
    );
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.input!;
    const text = input.value;
    if (!text.trim() || this.conversation.busy) return;
    input.value = '';
    void this.send(text);
  }

  private onActionClick(event: MouseEvent): void {
    if (!this.conversation.busy) return;
    event.preventDefault();
    this.conversation.stop();
  }

  private onRetry(): void {
    void this.conversation.retry();
    this.focusInput();
  }

  private onInputKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter adds a line; not while an IME is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.input?.form?.requestSubmit();
    }
  }

  override render() {
    const c = this.conversation;
    const w = this.settings.widget;
    const view = this.messageView();
    // One button that turns from Send into Stop, so keyboard focus stays on it.
    const action = this.t(c.busy ? 'stop' : 'send');
    const starters = c.messages.length === 0 && !c.busy ? (w.starters ?? []) : [];
    const logo = this.settings.theme?.brand?.logoUrl;
    return html`<div part="base" dir=${directionOf(this.locale)} lang=${this.locale} @keydown=${this.onKeydown}>
      <div part="header">
        ${logo ? brandImage('logo', logo, this.settings.tenant.name) : nothing}
        <h2 part="title">${this.botName}</h2>
        <div part="header-actions">
          <button part="new-chat" type="button" aria-label=${this.t('newChat')} title=${this.t('newChat')}
            @click=${() => this.newConversation()}>${icons.newChat}</button>
          ${
            this.mode === 'inline'
              ? nothing
              : html`<button part="close" type="button"
            aria-label=${this.t('close')} title=${this.t('close')}
            @click=${() => this.requestClose('close-button')}>${icons.close}</button>`
          }
        </div>
      </div>
      <div part="messages" role="log" aria-live="off" aria-label=${this.t('messagesLabel')} tabindex="0" @scroll=${this.onScroll}>
        <div part="greeting" dir="auto">${w.greeting || this.t('defaultGreeting')}</div>
        ${c.messages
          // Until its first token, an answer is shown by the typing indicator alone (one bubble, not two).
          .filter((m) => !(c.waiting && m.status === 'streaming' && !m.text))
          .map((m) => messageTemplate(m, view))}
        ${c.waiting ? html`<div part="typing" aria-hidden="true"><span></span><span></span><span></span></div>` : nothing}
        ${
          starters.length
            ? html`<div part="starters" role="group" aria-label=${this.t('startersLabel')}>
              ${starters.map((s) => html`<button part="starter" type="button" dir="auto" @click=${() => this.send(s)}>${s}</button>`)}
            </div>`
            : nothing
        }
      </div>
      ${
        c.error
          ? html`<div part="error" role="alert">
            <span>${this.t(c.error.key)}</span>
            <button part="retry" type="button" @click=${this.onRetry}>${this.t('retry')}</button>
          </div>`
          : nothing
      }
      <form part="composer" @submit=${this.onSubmit}>
        <textarea part="input" name="message" rows="1" maxlength="4000" autocomplete="off" dir="auto"
          aria-label=${this.t('inputLabel')} placeholder=${w.placeholder || this.t('placeholder')}
          @keydown=${this.onInputKeydown}></textarea>
        <button part=${c.busy ? 'stop' : 'send'} type="submit" aria-label=${action} title=${action}
          @click=${this.onActionClick}>${c.busy ? icons.stop : icons.send}</button>
      </form>
      ${w.poweredBy === false ? nothing : html`<p part="powered-by">${this.t('poweredBy')}</p>`}
      <div class="sr-only" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }
}
