/** Detail of {@link ParleyErrorEvent}. */
export interface ParleyErrorDetail {
  code: string;
  message: string;
}

/** Fired when the widget cannot do what the user asked (network, server or config error). */
export class ParleyErrorEvent extends CustomEvent<ParleyErrorDetail> {
  constructor(detail: ParleyErrorDetail) {
    super('parley-error', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-error': ParleyErrorEvent;
  }
}
