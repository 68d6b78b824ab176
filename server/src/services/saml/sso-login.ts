import type { Profile } from '@node-saml/passport-saml';
import type { Connection } from 'mongoose';
import type { SamlRequest } from '../../models/saml-request';
import type { User } from '../../models/user';
import { mapIdentity, type SsoIdentity } from './attribute-mapping';
import type { ProvisionChange, ProvisionPlan, SsoProvisioner } from './provisioning';
import { SamlRefusal } from './refusal';
import type { AssertionReplayStore } from './replay-store';
import type { TenantSso } from './settings-service';
import { CLOCK_SKEW_MS, MAX_ASSERTION_AGE_MS } from './strategy-options';

/** A response that passed every check, and what it led to. */
export interface AcceptedLogin {
  purpose: SamlRequest['purpose'];
  identity: SsoIdentity;
  /** The console user signed in (purpose `console`). */
  user: User | null;
  /** What a real login would do (purpose `test`). */
  plan: ProvisionPlan | null;
  /** The AuthnRequest answered; null for an IdP-initiated login. */
  request: SamlRequest | null;
  sessionIndex: string | null;
}

type XmlJs = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const children = (node: XmlJs | undefined, name: string) =>
  (node?.[name] as XmlJs[] | undefined) ?? [];

/** The signed assertion's id, issue time and confirmation recipients, from node-saml's parse. */
function signedFacts(profile: Profile) {
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const id = assertion?.$?.ID;
  const issueInstant = Date.parse(assertion?.$?.IssueInstant ?? '');
  if (!id || Number.isNaN(issueInstant)) {
    throw new SamlRefusal('malformed', 'The assertion has no ID or IssueInstant.');
  }
  const recipients = children(assertion, 'Subject')
    .flatMap((s) => children(s, 'SubjectConfirmation'))
    .flatMap((c) => children(c, 'SubjectConfirmationData'))
    .map((d) => d.$?.Recipient ?? null);
  return { id, issueInstant, recipients };
}

/**
 * What happens after node-saml has verified a response's signatures,
 * audience, timestamps and InResponseTo: the checks it does not do (the
 * IdP's issuer, the confirmation's recipient), the replay claim, and then
 * sign-in with provisioning, or for a Test connection only a preview.
 */
export class SsoLoginService {
  constructor(
    readonly connection: Connection,
    private readonly replay: AssertionReplayStore,
    private readonly provisioner: SsoProvisioner,
  ) {}

  /** Accepts a verified profile or throws a {@link SamlRefusal}; provisioning changes go to `changes`. */
  async accept(
    sso: TenantSso,
    profile: Profile,
    request: SamlRequest | null,
    changes: ProvisionChange[],
  ): Promise<AcceptedLogin> {
    const { settings, sp, tenant } = sso;
    if (!settings.idp || profile.issuer !== settings.idp.entityId) {
      throw new SamlRefusal('wrong_issuer', `The assertion was issued by "${profile.issuer}".`);
    }
    if (request?.purpose === 'logout') {
      throw new SamlRefusal('unknown_in_response_to', 'The response answers a logout request.');
    }
    if (!settings.enabled && request?.purpose !== 'test') {
      throw new SamlRefusal('sso_disabled', 'Single sign-on is switched off for this workspace.');
    }
    if (!request && !settings.idpInitiated) {
      throw new SamlRefusal('unsolicited', 'IdP-initiated login is off for this workspace.');
    }
    const facts = signedFacts(profile);
    if (facts.recipients.length === 0 || facts.recipients.some((r) => r !== sp.acsUrl)) {
      throw new SamlRefusal('wrong_recipient', 'The assertion is confirmed for another recipient.');
    }
    // Keep the id for as long as node-saml could still accept the assertion (issue time + max age).
    const expiresAt = new Date(
      Math.max(facts.issueInstant, Date.now()) + MAX_ASSERTION_AGE_MS + 2 * CLOCK_SKEW_MS,
    );
    const first = await this.replay.claim(tenant._id, {
      assertionId: facts.id,
      issuer: profile.issuer,
      expiresAt,
    });
    if (!first) throw new SamlRefusal('replay', `Assertion ${facts.id} was already used.`);

    const identity = mapIdentity(profile, settings.attributeMapping);
    const purpose = request?.purpose ?? 'console';
    const base = { purpose, identity, request, sessionIndex: profile.sessionIndex ?? null };
    if (purpose === 'test') {
      const plan = await this.provisioner.plan(tenant._id, identity, settings);
      return { ...base, user: null, plan };
    }
    if (purpose === 'widget') {
      if (!settings.widgetLogin) {
        throw new SamlRefusal('not_assigned', 'Widget sign-in through the IdP is off.');
      }
      return { ...base, user: null, plan: null };
    }
    const user = await this.provisioner.provision(tenant._id, identity, settings, changes);
    return { ...base, user, plan: null };
  }
}
