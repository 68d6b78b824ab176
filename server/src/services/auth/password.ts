import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the OWASP-recommended floor (19 MiB, 2 passes, 1 lane):
 * ~10 ms per hash here, slow enough for an offline attacker, cheap for logins.
 */
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest password accepted, per NIST SP 800-63B. */
export const minPasswordLength = 10;
/** Longest accepted: bounds the hashing cost an attacker can force. */
export const maxPasswordLength = 256;

/** Hashes a password into a PHC string (`$argon2id$v=19$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * Verifies a password; a malformed stored hash counts as a mismatch.
 * Without a stored hash (an invited or SSO-only user) a dummy hash is still
 * checked so the response time does not reveal which accounts exist.
 */
export async function verifyPassword(
  stored: string | undefined | null,
  password: string,
): Promise<boolean> {
  try {
    if (!stored) {
      await verify(await dummyHash(), password);
      return false;
    }
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash('parley-timing-equaliser', options);
  return dummy;
}
