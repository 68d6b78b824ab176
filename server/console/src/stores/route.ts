import { signal } from '@preact/signals';
import { hrefOf, routeOf } from '../lib/router';

/** The current console route (`keys`, `settings`, …), kept in sync with the address bar. */
export const route = signal(routeOf(window.location.pathname));

window.addEventListener('popstate', () => {
  route.value = routeOf(window.location.pathname);
});

/** Goes to a console route, adding a history entry (or replacing it for redirects). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const href = hrefOf(to);
  if (options.replace) window.history.replaceState(null, '', href);
  else if (window.location.pathname !== href) window.history.pushState(null, '', href);
  route.value = to;
}
