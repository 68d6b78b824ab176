/** Detail of {@link ParleyMessageEvent}. */
export interface ParleyMessageDetail {
  /** `user` when the visitor sent a message, `assistant` when an answer finished. */
  role: 'user' | 'assistant';
  /** The message text (Markdown source for answers). */
  text: string;
  /** Server id of the answer; absent for user messages. */
  messageId?: string;
  /** The conversation the message belongs to, once the server assigned one. */
  conversationId?: string;
  /** Why the answer ended: `stop` (complete), `length`, `stopped` (by the user), … */
  finishReason?: string;
}

/** Fired when the visitor sends a message and when an answer has finished streaming. */
export class ParleyMessageEvent extends CustomEvent<ParleyMessageDetail> {
  constructor(detail: ParleyMessageDetail) {
    super('parley-message', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-message': ParleyMessageEvent;
  }
}
