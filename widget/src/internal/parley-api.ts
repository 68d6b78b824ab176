import type { ParleyChat, ParleyEventMap } from '../components/chat/chat.component';
import type { Identity } from './identity';

/** `window.Parley`: drives the widget the script tag mounted (or the first on the page). */
export interface ParleyApi {
  /** The widget version that owns `window.Parley`. */
  readonly version: string;
  open(): Promise<void>;
  close(): void;
  toggle(): Promise<void>;
  send(text: string): Promise<void>;
  newConversation(): Promise<void>;
  identify(identity: Identity): void;
  setLocale(locale: string): void;
  on<K extends keyof ParleyEventMap>(
    event: K,
    listener: (event: ParleyEventMap[K]) => void,
  ): () => void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

/**
 * Builds the page-level API. Calls made before the widget is in the page
 * (the script is `async`) wait for it; `identify()` and `on()` apply to
 * whichever element is found when they run, so call them after load or
 * listen on the element.
 */
export function createParleyApi(version: string, find: () => ParleyChat | null): ParleyApi {
  const element = (): ParleyChat => {
    const found = find();
    if (!found) throw new Error('[parley] No <parley-chat> element is on the page yet.');
    return found;
  };
  return {
    version,
    open: () => element().open(),
    close: () => element().close(),
    toggle: () => element().toggle(),
    send: (text) => element().send(text),
    newConversation: () => element().newConversation(),
    identify: (identity) => element().identify(identity),
    setLocale: (locale) => element().setLocale(locale),
    on: (event, listener) => element().on(event, listener),
  };
}
