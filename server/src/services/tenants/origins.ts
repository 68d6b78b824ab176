import { domainToASCII } from 'node:url';

/**
 * Allowed-origin patterns for publishable keys. Deny by default: a page may
 * use a key only when its origin matches one of the tenant's patterns.
 *
 *   https://intranet.example.com      exact origin (default port implied)
 *   https://*.intranet.example        any subdomain, at any depth, not the apex
 *   http://localhost:*                any port; loopback hosts only
 *
 * Loopback origins (localhost, *.localhost, 127.0.0.0/8, [::1]) match only
 * for test keys, so a leaked live key cannot be used from a developer's machine.
 */
export interface OriginPattern {
  scheme: 'http' | 'https';
  /** ASCII (punycode) host without the `*.`; brackets kept for IPv6. */
  host: string;
  /** True for `*.host`. */
  subdomains: boolean;
  /** Explicit port, `*` for any, or `undefined` for the scheme's default. */
  port: string | undefined;
}

/** Why a pattern was refused, worded for the admin who typed it. */
export class OriginPatternError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not a valid origin: ${reason}`);
    this.name = 'OriginPatternError';
  }
}

const patternShape =
  /^(https?):\/\/(\*\.)?([^/:?#[\]\s*@]+|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}|\*))?\/?$/i;
const defaultPorts: Record<string, string> = { http: '80', https: '443' };

/** True for hosts that only reach the visitor's own machine. */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

/**
 * The patterns that count as widget sites against a plan's `widgets` limit:
 * loopback patterns are left out, since they only ever match test keys
 * (development, the demo), never a live site.
 */
export function widgetSiteCount(patterns: readonly string[]): number {
  return patterns.filter((p) => !isLoopbackHost(parseOriginPattern(p).host)).length;
}

/** Parses and normalises one pattern; throws {@link OriginPatternError} with the reason. */
export function parseOriginPattern(input: string): OriginPattern {
  const text = input.trim();
  const match = patternShape.exec(text);
  if (!match) {
    throw new OriginPatternError(
      input,
      'use scheme://host[:port] with no path, e.g. https://intranet.example.com or https://*.intranet.example',
    );
  }
  const [, rawScheme, star, rawHost, rawPort] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
    string | undefined,
  ];
  const scheme = rawScheme.toLowerCase() as 'http' | 'https';
  let host = rawHost.toLowerCase().replace(/\.$/, '');
  if (!host.startsWith('[')) {
    host = domainToASCII(host);
    if (!host || host.split('.').some((label) => label === '' || label.length > 63)) {
      throw new OriginPatternError(input, 'the host name is malformed');
    }
  }
  if (star && (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host) || !host.includes('.'))) {
    if (host !== 'localhost') {
      throw new OriginPatternError(input, 'a wildcard needs a domain with at least two labels');
    }
  }
  let port = rawPort;
  if (port === '*') {
    if (!isLoopbackHost(host)) {
      throw new OriginPatternError(input, 'any-port wildcards are only allowed for localhost');
    }
  } else if (port !== undefined) {
    const n = Number(port);
    if (n < 1 || n > 65535) throw new OriginPatternError(input, 'the port is out of range');
    port = String(n);
    if (port === defaultPorts[scheme]) port = undefined;
  }
  return { scheme, host, subdomains: Boolean(star), port };
}

/** The canonical text of a pattern, as stored. */
export function formatOriginPattern(pattern: OriginPattern): string {
  const host = pattern.subdomains ? `*.${pattern.host}` : pattern.host;
  return `${pattern.scheme}://${host}${pattern.port ? `:${pattern.port}` : ''}`;
}

/** Normalises a pattern's text (lower case, punycode, default port dropped). */
export function normaliseOriginPattern(input: string): string {
  return formatOriginPattern(parseOriginPattern(input));
}

/** A request's `Origin` header taken apart, or `undefined` for `null` and non-web origins. */
export function parseRequestOrigin(
  origin: string | undefined,
): { scheme: string; host: string; port: string | undefined; origin: string } | undefined {
  if (!origin || origin === 'null') return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Browsers send the serialised origin exactly; anything else (a path, credentials) is forged.
  if (url.origin !== origin) return undefined;
  return {
    scheme: url.protocol.slice(0, -1),
    host: url.hostname,
    port: url.port || undefined,
    origin: url.origin,
  };
}

/** Whether one parsed pattern admits one request origin. */
function matches(
  pattern: OriginPattern,
  origin: NonNullable<ReturnType<typeof parseRequestOrigin>>,
): boolean {
  if (pattern.scheme !== origin.scheme) return false;
  if (pattern.port !== '*' && pattern.port !== origin.port) return false;
  if (pattern.subdomains) return origin.host.endsWith(`.${pattern.host}`);
  return origin.host === pattern.host;
}

/**
 * Whether a page at `origin` may use a key of `mode` given the tenant's
 * patterns. Malformed stored patterns are skipped rather than trusted.
 */
export function isOriginAllowed(
  origin: string | undefined,
  patterns: readonly string[],
  mode: 'live' | 'test',
): boolean {
  const parsed = parseRequestOrigin(origin);
  if (!parsed) return false;
  if (mode === 'live' && isLoopbackHost(parsed.host)) return false;
  return patterns.some((text) => {
    try {
      return matches(parseOriginPattern(text), parsed);
    } catch {
      return false;
    }
  });
}
