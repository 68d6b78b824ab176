/**
 * A quick in-browser check of an origin pattern so typos show before saving;
 * the server's parser (services/tenants/origins.ts) has the final word.
 */
export function originHint(input: string): string | null {
  const text = input.trim();
  if (!text) return 'Enter an origin such as https://intranet.example.com';
  if (!/^https?:\/\//i.test(text)) return 'Start with https:// (or http:// for local testing)';
  if (/^https?:\/\/[^/]+\/.+/i.test(text)) return 'Leave out the path: only scheme, host and port';
  if (/\*/.test(text) && !/^https?:\/\/\*\.[^*]+$/i.test(text) && !/:\*$/.test(text)) {
    return 'Wildcards go at the start of the host: https://*.intranet.example';
  }
  return null;
}

/** Whether a pattern only matches the visitor's own machine (and so only works with test keys). */
export function isLocalPattern(pattern: string): boolean {
  return /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|[^/]*\.localhost)(:|$)/i.test(pattern);
}
