/** Detail of {@link ParleyCloseEvent}: how the user closed the panel. */
export interface ParleyCloseDetail {
  reason: 'launcher' | 'close-button' | 'escape';
}

/** Fired when the user closes the chat panel. */
export class ParleyCloseEvent extends CustomEvent<ParleyCloseDetail> {
  constructor(detail: ParleyCloseDetail) {
    super('parley-close', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-close': ParleyCloseEvent;
  }
}
