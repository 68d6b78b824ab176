/** The path the console is served under. */
export const basePath = '/admin';

/** The console-relative route of a location pathname: `/admin/keys` → `keys`, `/admin` → ``. */
export function routeOf(pathname: string): string {
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return '';
  return pathname
    .slice(basePath.length)
    .replace(/^\/+|\/+$/g, '')
    .toLowerCase();
}

/** The full pathname of a console route. */
export function hrefOf(route: string): string {
  return route ? `${basePath}/${route}` : basePath;
}

/** Reads `#token=…` from a reset or invitation link; the token never reaches server logs. */
export function tokenFromHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

/** Whether a click should be left to the browser (new tab, download, modified click). */
export function isModifiedClick(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
