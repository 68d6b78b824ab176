import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `publishable` keys go in page source; `secret` keys call the admin API from servers. */
export type KeyKind = 'publishable' | 'secret';
/** `test` keys may be used from localhost; `live` keys never. */
export type KeyMode = 'live' | 'test';

/** A key string taken apart. */
export interface ParsedKey {
  kind: KeyKind;
  mode: KeyMode;
  /** The part after `pk_live_` / `sk_test_` …. */
  body: string;
}

const kindPrefix = { publishable: 'pk', secret: 'sk' } as const;
const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const keyPattern = /^(pk|sk)_(live|test)_([A-Za-z0-9_]{8,64})$/;

/** Random characters per kind: 24 base62 ≈ 143 bits, 40 ≈ 238 bits. */
const bodyLength: Record<KeyKind, number> = { publishable: 24, secret: 40 };

/** How many characters of a key are kept in clear as its lookup prefix. */
export const keyPrefixLength = 16;

/** Uniform random base62 text (rejection sampling, so no character is favoured). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 62 * 4 = 248: bytes at or above it would bias the first characters.
      if (byte < 248 && out.length < length) out += base62[byte % 62];
    }
  }
  return out;
}

/** A new random key such as `sk_live_3kT…`. */
export function generateKey(kind: KeyKind, mode: KeyMode): string {
  return `${kindPrefix[kind]}_${mode}_${randomBase62(bodyLength[kind])}`;
}

/** Parses a key string; `undefined` when it does not have the key shape. */
export function parseKey(key: unknown): ParsedKey | undefined {
  if (typeof key !== 'string') return undefined;
  const match = keyPattern.exec(key);
  if (!match) return undefined;
  return {
    kind: match[1] === 'pk' ? 'publishable' : 'secret',
    mode: match[2] as KeyMode,
    body: match[3]!,
  };
}

/** The indexed lookup prefix of a key (not secret: it is shown in lists). */
export function keyPrefix(key: string): string {
  return key.slice(0, keyPrefixLength);
}

/**
 * The stored hash of a key. Keys are long random strings, so a plain SHA-256
 * is enough (a slow hash only matters for guessable secrets like passwords).
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function keyMatchesHash(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How a key is shown after creation: the prefix and an ellipsis, never the secret part. */
export function maskKey(prefix: string): string {
  return `${prefix}…`;
}
