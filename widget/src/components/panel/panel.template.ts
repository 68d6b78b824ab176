import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ChatSource } from '../../internal/chat-stream';
import type { UiMessage } from '../../internal/conversation';
import { renderMarkdown } from '../../internal/markdown';
import type { MessageKey } from '../../locales';

/** What the message templates need from the panel. */
export interface MessageView {
  t(key: MessageKey, values?: Record<string, string>): string;
  botName: string;
  /** The assistant's avatar (from the server's config only); none shows no image. */
  avatarUrl?: string;
  linkTarget: '_blank' | '_self';
  onFeedback(message: UiMessage, rating: 'up' | 'down', comment?: string): void;
}

const rendered = new WeakMap<UiMessage, { source: string; element: HTMLElement }>();

/**
 * An answer's body: plain text while it streams (cheap per token, nothing
 * parsed), then Markdown rendered and sanitised once when it ends.
 */
function body(message: UiMessage, view: MessageView) {
  if (message.role === 'user' || message.status === 'streaming') return message.text;
  const cached = rendered.get(message);
  if (cached?.source === message.text) return cached.element;
  const element = renderMarkdown(message.text, view.linkTarget);
  element.className = 'markdown';
  rendered.set(message, { source: message.text, element });
  return element;
}

/** The list of citations under an answer. Titles and snippets are text bindings only. */
function citations(sources: ChatSource[] | undefined, view: MessageView) {
  if (!sources?.length) return nothing;
  return html`<div part="citations">
    <p class="citations-title">${view.t('sources')}</p>
    <ol>
      ${sources.map(
        (source) => html`<li part="citation">
          ${
            source.url
              ? html`<a href=${source.url} target=${view.linkTarget} rel="noopener noreferrer" dir="auto">${source.title}</a>`
              : html`<span class="citation-title" dir="auto">${source.title}</span>`
          }
          ${source.snippet ? html`<span class="snippet" dir="auto">${source.snippet}</span>` : nothing}
        </li>`,
      )}
    </ol>
  </div>`;
}

const thumb = (down: boolean) =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class=${down ? 'flip' : ''}><path d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>`;

function feedback(message: UiMessage, view: MessageView) {
  if (message.role !== 'assistant' || message.status !== 'done' || !message.messageId) {
    return nothing;
  }
  if (message.feedbackState === 'sent') {
    return html`<p part="feedback" class="thanks">${view.t('feedbackThanks')}</p>`;
  }
  const onComment = (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('comment');
    view.onFeedback(message, 'down', (field as HTMLTextAreaElement).value.trim());
  };
  return html`<div part="feedback">
    <button type="button" class="vote" aria-label=${view.t('helpful')} title=${view.t('helpful')}
      aria-pressed=${message.feedback === 'up' ? 'true' : 'false'}
      @click=${() => view.onFeedback(message, 'up')}>${thumb(false)}</button>
    <button type="button" class="vote" aria-label=${view.t('notHelpful')} title=${view.t('notHelpful')}
      aria-pressed=${message.feedback === 'down' ? 'true' : 'false'}
      @click=${() => view.onFeedback(message, 'down')}>${thumb(true)}</button>
    ${
      message.feedbackState === 'comment'
        ? html`<form class="comment" @submit=${onComment}>
          <label>${view.t('feedbackCommentLabel')}
            <textarea name="comment" rows="2" maxlength="2000"></textarea>
          </label>
          <button type="submit">${view.t('feedbackSubmit')}</button>
        </form>`
        : nothing
    }
  </div>`;
}

/**
 * An image the tenant configured (logo, avatar): loaded without a referrer,
 * hidden if it fails so a broken link never shows a broken-image icon.
 */
export function brandImage(part: string, src: string, alt: string): TemplateResult {
  return html`<img part=${part} src=${src} alt=${alt} referrerpolicy="no-referrer" decoding="async"
    @error=${(event: Event) => {
      (event.target as HTMLImageElement).hidden = true;
    }}>`;
}

/**
 * One message: who said it (for screen readers), the body, citations and
 * feedback. The avatar's alt is empty: the name beside it is already read.
 */
export function messageTemplate(message: UiMessage, view: MessageView): TemplateResult {
  const assistant = message.role === 'assistant';
  const who = assistant ? view.botName : view.t('you');
  const avatar = assistant && view.avatarUrl;
  return html`<div part="message" data-role=${message.role} data-status=${message.status}
    ?data-avatar=${!!avatar}>
    ${avatar ? brandImage('avatar', avatar, '') : nothing}
    <span class="sr-only">${who}:</span>
    <div part="message-body" dir="auto">${body(message, view)}</div>
    ${message.status === 'stopped' ? html`<p class="stopped">${view.t('stopped')}</p>` : nothing}
    ${message.role === 'assistant' ? citations(message.sources, view) : nothing}
    ${feedback(message, view)}
  </div>`;
}

/** Icons of the panel's buttons (decorative: every button has a text label). */
export const icons = {
  send: svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="dir-icon"><path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"/></svg>`,
  stop: svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="6" y="6" width="12" height="12" rx="2"/></svg>`,
  close: svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>`,
  newChat: svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h11v2H6v12h12v-7h2v9H4zm14.3-1.7 2.4 2.4-8.6 8.6H9.7v-2.4z"/></svg>`,
};
