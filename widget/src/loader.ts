/**
 * The classic script customers paste:
 * `<script src=".../parley.js" data-key="pk_…" [data-api] [data-mode] [data-locale] async>`.
 * It defines `<parley-chat>`, mounts one for the script's key and exposes
 * `window.Parley`; the panel chunk loads on first open. Loading the script
 * twice (or two versions) warns once and leaves the first copy in charge.
 */
import { extrasFile, panelFile } from 'virtual:parley-panel';
import { ParleyChat } from './components/chat/chat.component';
import { defineElement } from './internal/define';
import { setExtrasLoader } from './internal/extras-loader';
import { setPanelLoader } from './internal/panel-loader';
import { createParleyApi } from './internal/parley-api';

// Marks for the benchmark (and any host's RUM): loader start → launcher rendered.
performance.mark('parley:loader');

// Only valid while this script runs synchronously, so read it first.
const script = document.currentScript as HTMLScriptElement | null;

declare global {
  interface Window {
    litNonce?: string;
  }
}
// Browsers without constructable stylesheets fall back to <style> tags; Lit stamps them with this nonce.
if (script?.nonce) window.litNonce ??= script.nonce;

function autoMount(): void {
  const key = script?.dataset.key;
  if (!script || !key) return;
  const element = document.createElement('parley-chat');
  element.setAttribute('key', key);
  element.dataset.parleyAuto = '';
  // The API defaults to where the script came from, so a CDN-hosted script still reaches its server.
  element.setAttribute('api', script.dataset.api ?? new URL(script.src).origin);
  for (const name of ['mode', 'locale', 'position'] as const) {
    const value = script.dataset[name];
    if (value) element.setAttribute(name, value);
  }
  const attach = () => document.body.append(element);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}

if (customElements.get('parley-chat')) {
  // Another copy (maybe another version) owns the element and window.Parley.
  defineElement('parley-chat', ParleyChat);
} else {
  const base = new URL('.', script?.src ?? document.baseURI);
  setPanelLoader(() => import(/* @vite-ignore */ new URL(panelFile, base).href));
  setExtrasLoader(() => import(/* @vite-ignore */ new URL(extrasFile, base).href));
  defineElement('parley-chat', ParleyChat);
  window.Parley = createParleyApi(
    __PARLEY_VERSION__,
    () =>
      document.querySelector<ParleyChat>('parley-chat[data-parley-auto]') ??
      document.querySelector('parley-chat'),
  );
  autoMount();
}
