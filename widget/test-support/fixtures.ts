// Helpers shared by the widget's browser tests.
import { waitUntil } from '@open-wc/testing';
import type { ParleyChat } from '../src/components/chat/chat.component';
import type { ParleyPanel } from '../src/components/panel/panel.component';

/** The fake API mounted by web-test-runner.config.mjs. */
export const api = `${window.location.origin}/test-api`;

/** One request the fake API received. */
export interface ApiCall {
  method: string;
  route: string;
  key: string;
  visitor: string;
  identity: string;
  lastEventId: string;
  body?: Record<string, unknown>;
}

/** Clears the fake API's log and the browser storage between tests. */
export async function reset(): Promise<void> {
  localStorage.clear();
  await fetch(`${api}/_calls`, { method: 'DELETE' });
}

/** Requests the fake API received since the last reset. */
export async function apiCalls(): Promise<ApiCall[]> {
  return (await fetch(`${api}/_calls`)).json();
}

/** The panel inside a <parley-chat>, once loaded. */
export function panelOf(el: ParleyChat): ParleyPanel | null {
  return el.shadowRoot!.querySelector('parley-panel');
}

/** A part by name, looked up in the element's shadow root and then its panel's. */
export function part<T extends HTMLElement = HTMLElement>(
  el: ParleyChat | ParleyPanel,
  name: string,
): T | null {
  const selector = `[part~="${name}"]`;
  const own = el.shadowRoot!.querySelector<T>(selector);
  if (own) return own;
  const panel = el.localName === 'parley-chat' ? panelOf(el as ParleyChat) : null;
  return panel?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Every part of that name in the panel. */
export function parts(el: ParleyChat | ParleyPanel, name: string): HTMLElement[] {
  const panel = el.localName === 'parley-chat' ? panelOf(el as ParleyChat) : el;
  return [...(panel?.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

/** The element focused right now, looking through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses a key on the focused element the way a keyboard would (keydown only). */
export function press(key: string, options: KeyboardEventInit = {}): void {
  const target = deepActive() ?? document.body;
  target.dispatchEvent(
    new KeyboardEvent('keydown', {
      key,
      bubbles: true,
      composed: true,
      cancelable: true,
      ...options,
    }),
  );
}

/**
 * `waitUntil` with a timeout that tolerates a busy machine (the default
 * second is tight when several suites share two cores).
 */
export function until(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return waitUntil(predicate, message, { timeout: 4000, ...options });
}
