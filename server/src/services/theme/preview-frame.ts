import { tokenNames } from '@parley/theme-kit';

/** The publishable key the preview widget carries; the preview API ignores it. */
export const previewKey = 'pk_test_parley_theme_preview';

/** The sample question every preview frame asks, so the panel shows a conversation. */
export const sampleQuestion = 'What is our dental deductible?';

/** Where the preview widget's API lives (config and chat with canned answers). */
export const previewApiPath = '/theme-preview';

/** The three frames the editor shows. */
export type PreviewMode = 'bubble' | 'inline' | 'mobile';

/** Reads the `mode` query parameter. */
export function previewMode(value: unknown): PreviewMode {
  return value === 'inline' || value === 'mobile' ? value : 'bubble';
}

/**
 * The page inside each preview iframe: a plain intranet page with the real
 * `<parley-chat>` (the CDN loader, exactly as customers embed it) and a
 * bridge script. No inline script or style: the frame's CSP forbids both.
 */
export function previewFrameHtml(mode: PreviewMode): string {
  const inlineSlot =
    mode === 'inline' ? '<section class="slot" id="chat-slot" aria-label="Chat"></section>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Theme preview (${mode})</title>
<link rel="stylesheet" href="${previewApiPath}/frame.css">
<script src="/cdn/parley/0/parley.js" async></script>
<script src="${previewApiPath}/frame.js" defer></script>
</head>
<body data-mode="${mode}">
<header class="bar"><span class="logo"></span><span class="line w40"></span></header>
<main>
<h1 class="line w60"></h1>
<p class="line"></p><p class="line"></p><p class="line w80"></p>
${inlineSlot}
<p class="line"></p><p class="line w70"></p>
</main>
</body>
</html>
`;
}

/** Styles of the sample page around the widget (the widget styles itself). */
export const previewFrameCss = `
html { background: #f4f5f7; font: 14px system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; }
.bar { display: flex; gap: 12px; align-items: center; padding: 12px 20px; background: #fff; border-bottom: 1px solid #e3e5e8; }
.logo { width: 28px; height: 28px; border-radius: 6px; background: #c9ced6; }
main { max-width: 720px; padding: 24px 20px; }
.line { display: block; height: 10px; margin: 12px 0; border-radius: 5px; background: #dde1e6; }
h1.line { height: 18px; }
.w40 { width: 40%; } .w60 { width: 60%; } .w70 { width: 70%; } .w80 { width: 80%; }
.slot { display: block; height: 440px; margin: 20px 0; }
.slot parley-chat { height: 100%; }
`;

/**
 * The bridge: mounts the widget for the frame's mode, asks the sample
 * question once it is defined, and applies the editor's draft when the
 * parent console posts it (same origin only): the variables, and the
 * settings that are not CSS (launcher shape, icon and label, bot name, logo,
 * avatar, web font) through the widget's `setTheme`, which checks them as it
 * checks a tenant's config. Values are set with
 * `style.setProperty` on the element, which outranks the widget's own
 * `:host` defaults just as a host page's CSS would; names are checked
 * against theme-kit's list and values against the same breakout patterns
 * the widget refuses.
 */
export function previewFrameScript(): string {
  return `(() => {
  'use strict';
  const names = new Set(${JSON.stringify(tokenNames)});
  const mode = document.body.dataset.mode;
  const chat = document.createElement('parley-chat');
  chat.setAttribute('key', ${JSON.stringify(previewKey)});
  chat.setAttribute('api', location.origin + ${JSON.stringify(previewApiPath)});
  chat.setAttribute('mode', mode === 'inline' ? 'inline' : 'bubble');
  (document.getElementById('chat-slot') || document.body).append(chat);
  let applied = [];
  let draft = null;
  // The widget script loads async: settings that arrive first are applied once it is defined.
  function applySettings() {
    if (!draft || typeof chat.setTheme !== 'function') return;
    chat.setTheme({
      colorScheme: draft.colorScheme === 'dark' ? 'dark' : 'light',
      position: draft.position,
      launcher: draft.launcher,
      brand: draft.brand,
      fontUrl: draft.fontUrl,
    });
  }
  function apply(message) {
    for (const name of applied) chat.style.removeProperty(name);
    applied = [];
    const variables = message.variables && typeof message.variables === 'object' ? message.variables : {};
    for (const [name, value] of Object.entries(variables)) {
      if (!names.has(name) || typeof value !== 'string') continue;
      if (/[;{}<>\\\\]|\\/\\*|url\\(|expression\\(/i.test(value)) continue;
      chat.style.setProperty(name, value);
      applied.push(name);
    }
    chat.setAttribute('color-scheme', message.colorScheme === 'dark' ? 'dark' : 'light');
    chat.setAttribute('position', message.position === 'bottom-left' ? 'bottom-left' : 'bottom-right');
    draft = message;
    applySettings();
    document.documentElement.dataset.themeRevision = String(message.revision ?? '');
  }
  addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== parent) return;
    if (event.data && event.data.type === 'parley-theme-preview') apply(event.data);
  });
  customElements.whenDefined('parley-chat').then(async () => {
    applySettings();
    await chat.newConversation();
    await chat.send(${JSON.stringify(sampleQuestion)});
    document.documentElement.dataset.sample = 'ready';
  });
  if (parent !== window) parent.postMessage({ type: 'parley-theme-preview-loaded', mode }, location.origin);
})();
`;
}
