import { accept, type ParseResult, refuse } from './result';

/** Hosts whose font stylesheets may be loaded by default (they serve only @font-face CSS). */
export const defaultFontHosts: readonly string[] = [
  'fonts.googleapis.com',
  'fonts.bunny.net',
  'use.typekit.net',
];

/** Where an uploaded logo or avatar lives on the Parley server: `/assets/<owner>/<sha256>.<ext>`. */
export const assetPathPattern = /^\/assets\/[a-f0-9]{24}\/[a-f0-9]{64}\.(png|jpg|webp|svg)$/;

/** Rules for a URL field. */
export interface UrlRule {
  /** Host names allowed (exact, lower-case); a leading `*.` allows subdomains. */
  hosts: readonly string[];
  /** Accept a Parley upload path (`/assets/…`) besides absolute https URLs. */
  assetPaths?: boolean;
  /** What the URL is for, used in messages ("font stylesheet"). */
  label: string;
}

/**
 * Parses a URL a theme points at. Only https with an allow-listed host (or,
 * for images, an uploaded asset path) passes; no credentials, no odd
 * characters that would need escaping wherever the URL is later used.
 */
export function parseUrl(input: unknown, rule: UrlRule): ParseResult {
  if (typeof input !== 'string') return refuse(`must be the ${rule.label} URL as text`);
  const raw = input.trim();
  if (raw.length === 0) return refuse('must not be empty');
  if (raw.length > 2048) return refuse('must be at most 2048 characters');
  if (rule.assetPaths && raw.startsWith('/')) {
    return assetPathPattern.test(raw) ? accept(raw) : refuse('is not an uploaded image path');
  }
  // Quotes, brackets, backslashes and whitespace are never needed in these URLs
  // and are the usual way out of an attribute or a url() token.
  if (/[\s"'`<>\\(){}^|]/.test(raw)) return refuse('contains characters that are not allowed');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`is not a valid URL`);
  }
  if (url.protocol !== 'https:') return refuse('must start with https://');
  if (url.username || url.password) return refuse('must not contain a user name or password');
  const host = url.hostname.toLowerCase();
  if (!hostAllowed(host, rule.hosts)) {
    return refuse(
      rule.hosts.length
        ? `must be on an allowed host (${rule.hosts.join(', ')})`
        : 'must be an uploaded image',
    );
  }
  return accept(url.href);
}

function hostAllowed(host: string, hosts: readonly string[]): boolean {
  return hosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed,
  );
}
