/** Joins an API base (which may carry a path prefix, e.g. behind a proxy) and a route. */
export function apiUrl(base: string, route: string): string {
  return new URL(route, base.endsWith('/') ? base : `${base}/`).href;
}
