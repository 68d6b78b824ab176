/** Fired when the user opens the chat panel (launcher click or keyboard). */
export class ParleyOpenEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('parley-open', { bubbles: true, composed: true, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-open': ParleyOpenEvent;
  }
}
