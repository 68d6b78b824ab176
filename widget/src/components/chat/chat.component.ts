import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ParleyErrorEvent } from '../../events/parley-error';
import { ChatStreamError, streamChat } from '../../internal/chat-stream';
import { chatStyles } from './chat.styles';

interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'error';
  text: string;
}

/**
 * @summary The Parley chat widget: a launcher button and a chat panel that streams answers.
 *
 * @event {ParleyErrorEvent} parley-error - The widget could not send or receive a message.
 *
 * @csspart base - The wrapper of everything the element renders.
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart messages - The scrolling list of messages.
 * @csspart message - One message bubble.
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message input.
 * @csspart send - The send button.
 *
 * @cssprop --parley-color-primary - Brand colour of the launcher, header and user bubbles.
 * @cssprop --parley-color-on-primary - Text on the brand colour.
 * @cssprop --parley-color-surface - Panel background.
 * @cssprop --parley-color-text - Body text colour.
 * @cssprop --parley-font-family - Font of everything in the widget.
 * @cssprop --parley-radius - Corner radius of the panel and bubbles.
 * @cssprop --parley-launcher-size - Diameter of the launcher.
 */
export class ParleyChat extends LitElement {
  static override styles = chatStyles;

  /** The tenant's publishable key (`pk_live_…` or `pk_test_…`). */
  @property() key = '';

  /** Base URL of the Parley API; defaults to the page's origin. */
  @property() api = '';

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private messages: ChatMessage[] = [];
  @state() private busy = false;
  @query('[part~="input"]') private input!: HTMLInputElement;

  private conversationId: string | undefined;
  private counter = 0;

  /** Opens the panel and moves focus to the message input. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    this.input?.focus();
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
  }

  /** Sends a message as if the user typed it. */
  async send(text: string): Promise<void> {
    const message = text.trim();
    if (!message || this.busy) return;
    this.busy = true;
    const reply: ChatMessage = { id: `m${this.counter++}`, role: 'assistant', text: '' };
    this.messages = [
      ...this.messages,
      { id: `m${this.counter++}`, role: 'user', text: message },
      reply,
    ];
    try {
      await streamChat({
        api: this.api || window.location.origin,
        publishableKey: this.key,
        message,
        conversationId: this.conversationId,
        handlers: {
          onMeta: (meta) => {
            this.conversationId = meta.conversationId;
          },
          onToken: (delta) => {
            reply.text += delta;
            this.messages = [...this.messages];
          },
        },
      });
    } catch (error) {
      const code = error instanceof ChatStreamError ? error.code : 'PARLEY_NETWORK';
      const text =
        error instanceof ChatStreamError ? error.message : 'The assistant could not be reached.';
      this.messages = [
        ...this.messages.filter((m) => m !== reply || m.text),
        { id: `m${this.counter++}`, role: 'error', text },
      ];
      this.dispatchEvent(new ParleyErrorEvent({ code, message: text }));
    } finally {
      this.busy = false;
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.input.value;
    this.input.value = '';
    void this.send(text);
  }

  private toggle(): void {
    if (this.open) this.hide();
    else void this.show();
  }

  override render() {
    return html`
      <div part="base">
        <button
          part="launcher"
          type="button"
          aria-label=${this.open ? 'Close chat' : 'Open chat'}
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="panel"
          @click=${this.toggle}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
            <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
          </svg>
        </button>
        <section id="panel" part="panel" role="dialog" aria-label="Chat" ?hidden=${!this.open}>
          <header part="header">Ask us anything</header>
          <div part="messages" role="log" aria-live="polite">
            ${this.messages.map(
              (m) =>
                html`<div part="message" data-role=${m.role}>${m.text || (m.role === 'assistant' ? '…' : nothing)}</div>`,
            )}
          </div>
          <form part="composer" @submit=${this.onSubmit}>
            <input part="input" name="message" autocomplete="off" aria-label="Your message" placeholder="Type your question" maxlength="4000" />
            <button part="send" type="submit" ?disabled=${this.busy}>Send</button>
          </form>
        </section>
      </div>
    `;
  }
}
