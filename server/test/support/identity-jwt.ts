import { SignJWT } from 'jose';

/** Signs an HS256 identity JWT for `sub` as a host page would (DESIGN.md "Keys and identity"). */
export const identityJwt = (secret: string, sub: string, expiresIn = '10m') =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
