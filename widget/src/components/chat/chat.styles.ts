/**
 * Styles of <parley-chat> (the launcher and the frame the panel sits in).
 * Plain CSS text adopted as a constructable stylesheet: the loader must not
 * pull in Lit, and adopted sheets need no `style-src 'unsafe-inline'`.
 *
 * Hostile host CSS: the host element is `display: contents` (so transforms,
 * filters or opacity the page puts on every element have no box to act on)
 * with `!important` declarations, which win over the page's own
 * `!important` ones; and the base wrapper resets every inherited property
 * (`all: initial`), so only `--parley-*` variables and `::part()` reach in.
 * In bubble and fullscreen modes the base is a manual popover shown in the
 * top layer, so transforms, filters and opacity on the page's ancestors
 * (`html`, `body`) neither blur the widget nor re-anchor its fixed boxes.
 * Colours use `light-dark()`, following the page's or the user's scheme
 * unless the `color-scheme` attribute forces one. The defaults are theme-kit's
 * neutral preset (light and dark), so an unthemed widget looks like a
 * default-themed one (`chat.theme.test.ts` checks them against theme-kit).
 * The labelled launcher's rules live in the launcher extras chunk
 * (internal/launcher-extras.styles.ts), loaded only by themes that use them.
 */
export const chatCss = `
:host {
  --parley-color-primary: #2563eb;
  --parley-color-on-primary: #ffffff;
  --parley-color-surface: light-dark(#ffffff, #131822);
  --parley-color-surface-raised: light-dark(#f3f3f4, #1e232c);
  --parley-color-text: light-dark(#111827, #e7ebf3);
  --parley-color-text-quiet: light-dark(#646973, #9da1aa);
  --parley-color-border: light-dark(#d4d5d8, #393e48);
  --parley-color-danger: light-dark(#b91c1c, #f55c50);
  --parley-font-family: system-ui, -apple-system, 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial',
    sans-serif;
  --parley-font-size: 14px;
  --parley-line-height: 1.5;
  --parley-radius: 12px;
  --parley-launcher-size: 56px;
  --parley-launcher-offset: 20px;
  --parley-panel-width: 380px;
  --parley-panel-height: 560px;
  --parley-z-index: 2147483000;
  display: contents !important;
}
:host([color-scheme='dark']) {
  --_parley-scheme: dark;
}
:host([color-scheme='light']) {
  --_parley-scheme: light;
}
:host([mode='inline']) {
  display: block !important;
  position: relative !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  min-block-size: 22rem;
}
:host([hidden]) {
  display: none !important;
}
[part~='base'] {
  all: initial;
  display: block;
  color-scheme: var(--_parley-scheme, light dark);
  font-family: var(--parley-font-family);
  font-size: var(--parley-font-size);
  line-height: var(--parley-line-height);
  color: var(--parley-color-text);
  -webkit-text-size-adjust: 100%;
}
:host([mode='inline']) [part~='base'] {
  block-size: 100%;
}
[part~='launcher'] {
  all: initial;
  position: fixed;
  bottom: calc(var(--parley-launcher-offset) + env(safe-area-inset-bottom, 0px));
  right: calc(var(--parley-launcher-offset) + env(safe-area-inset-right, 0px));
  z-index: var(--parley-z-index);
  box-sizing: border-box;
  display: grid;
  place-items: center;
  inline-size: var(--parley-launcher-size);
  block-size: var(--parley-launcher-size);
  border-radius: var(--parley-launcher-radius, 50%);
  background: var(--parley-launcher-background, var(--parley-color-primary));
  color: var(--parley-launcher-color, var(--parley-color-on-primary));
  cursor: pointer;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
  transition: transform 160ms ease;
}
[part~='launcher']:hover {
  transform: scale(1.06);
}
[part~='launcher']:focus-visible {
  outline: 3px solid var(--parley-color-text);
  outline-offset: 3px;
}
[part~='launcher'] svg,
[part~='launcher'] img {
  inline-size: 50%;
  block-size: 50%;
  fill: currentColor;
  object-fit: contain;
}
[data-position='bottom-left'] [part~='launcher'] {
  right: auto;
  left: calc(var(--parley-launcher-offset) + env(safe-area-inset-left, 0px));
}
[part~='launcher'][hidden],
[part~='panel'][hidden],
[part~='load-error'][hidden] {
  display: none;
}
[part~='load-error'] {
  position: fixed;
  z-index: var(--parley-z-index);
  bottom: calc(var(--parley-launcher-size) + 32px);
  right: var(--parley-launcher-offset);
  max-inline-size: 300px;
  padding: 12px 16px;
  border-radius: var(--parley-radius);
  background: var(--parley-color-surface);
  color: var(--parley-color-danger);
  border: 1px solid var(--parley-color-border);
}
[data-mode='inline'] [part~='load-error'] {
  position: static;
}
@media (max-width: 640px) {
  [data-mode='bubble'][data-open] [part~='launcher'] {
    display: none;
  }
}
[data-mode='fullscreen'][data-open] [part~='launcher'] {
  display: none;
}
@media (prefers-reduced-motion: reduce) {
  [part~='launcher'] {
    transition: none;
  }
  [part~='launcher']:hover {
    transform: none;
  }
}
`;

let shared: CSSStyleSheet | undefined;

/** The launcher's stylesheet, built once and shared by every instance. */
export function chatStyleSheet(): CSSStyleSheet {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(chatCss);
  }
  return shared;
}
