import './components/chat/chat';

/**
 * Script-tag entry: `<script src=".../parley.js" data-key="pk_…" async>`
 * mounts one <parley-chat> on the page with the script's data attributes.
 */
function autoMount(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const key = script?.dataset.key;
  if (!script || !key) return;
  const mounted = document.querySelector(`parley-chat[data-parley-auto][key="${CSS.escape(key)}"]`);
  if (mounted) return;
  const element = document.createElement('parley-chat');
  element.setAttribute('key', key);
  element.dataset.parleyAuto = '';
  // The API defaults to where the script came from, so a CDN-hosted script still reaches its server.
  element.setAttribute('api', script.dataset.api ?? new URL(script.src).origin);
  const attach = () => document.body.append(element);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}

autoMount();
