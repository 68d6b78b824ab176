import { createHash } from 'node:crypto';
import { ParleyError } from '../../errors';
import type { ChatTenant } from './chat-service';
import { verifyIdentity } from './identity';
import { newVisitor, type Owner, type OwnerTokens } from './owner-token';

/** What a widget request carries to say who is asking. */
export interface OwnerEvidence {
  /** `identity` from the chat body: `{ token }` or `{ userId, userHash }`. */
  identity?: unknown;
  /** `X-Parley-Identity`: the host page's identity JWT. */
  identityHeader?: string;
  /** `X-Parley-Visitor`: the owner token the server issued in `meta`. */
  visitorHeader?: string;
}

/** The owner of a request, and a token to hand back when the server issued one. */
export interface ResolvedOwner {
  owner: Owner;
  issuedToken?: string;
}

/**
 * Decides whose request this is: a verified identity wins, then a valid
 * owner token; a request without either becomes a new anonymous visitor
 * when `allowNew` (asking a first question), else is refused with
 * `PARLEY_VISITOR_TOKEN_REQUIRED` (reading history, stopping, rating).
 * A verified user is handed a token bound to them, so later reads need
 * only that token.
 */
export async function resolveOwner(
  tenant: ChatTenant,
  tokens: OwnerTokens,
  evidence: OwnerEvidence,
  allowNew: boolean,
): Promise<ResolvedOwner> {
  if (evidence.identity !== undefined) {
    const owner = await verifyIdentity(evidence.identity, tenant.identitySecret);
    return { owner, issuedToken: tokens.issue(tenant.id, owner) };
  }
  if (evidence.identityHeader) {
    return {
      owner: await verifyIdentity({ token: evidence.identityHeader }, tenant.identitySecret),
    };
  }
  const fromToken = tokens.verify(tenant.id, evidence.visitorHeader);
  if (fromToken) return { owner: fromToken };
  const fromSecret = clientVisitor(tenant.id, evidence.visitorHeader);
  if (fromSecret) return { owner: fromSecret, issuedToken: tokens.issue(tenant.id, fromSecret) };
  if (!allowNew) throw new ParleyError('PARLEY_VISITOR_TOKEN_REQUIRED');
  const owner = newVisitor();
  return { owner, issuedToken: tokens.issue(tenant.id, owner) };
}

/**
 * A visitor secret the widget made itself before the server issued a token
 * (`v_` + 128 random bits, kept in its storage). It is as unguessable as a
 * token we sign, so it names a visitor: the id is its hash with the tenant
 * (a secret never reaches the database, and one page cannot reuse it on
 * another tenant). The server then issues a signed token for that same
 * visitor, so a stream resumed with the old secret still finds its owner.
 */
function clientVisitor(tenantId: string, header: string | undefined): Owner | undefined {
  if (!header || !/^v_[0-9a-f]{32}$/.test(header)) return undefined;
  const id = createHash('sha256').update(`${tenantId}:${header}`).digest('base64url').slice(0, 22);
  return { kind: 'visitor', id };
}
