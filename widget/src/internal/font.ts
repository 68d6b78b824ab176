const loaded = new Set<string>();

/**
 * Loads a theme's web font stylesheet (an https URL the server allow-listed)
 * once per page, with a `<link>` in the document head: `@font-face` rules do
 * not work inside a shadow root, but fonts the document declares are usable
 * in it. A `<link>` needs no `'unsafe-inline'`; where the page's CSP does not
 * allow the font host, the browser refuses it, the link is removed and the
 * widget keeps the fallback fonts of `--parley-font-family`.
 */
export function loadWebFont(url: string | undefined): void {
  if (!url || loaded.has(url)) return;
  loaded.add(url);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.referrerPolicy = 'no-referrer';
  link.href = url;
  link.dataset.parleyFont = '';
  link.onerror = () => link.remove();
  document.head.append(link);
}
