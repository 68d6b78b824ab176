const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a URL may be used as an IdP endpoint: https, or http only on a
 * loopback host (a local Keycloak or the test IdP). A login page reached over
 * plain http anywhere else would hand the user's credentials to the network.
 */
export function checkIdpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must be an https URL';
}
