import {
  generateServiceProviderMetadata,
  MultiSamlStrategy,
  type Profile,
  SAML,
} from '@node-saml/passport-saml';
import type { NextFunction, Request, Response } from 'express';
import { Passport, type Strategy } from 'passport';
import type { ProvisionChange } from './provisioning';
import { SamlRefusal } from './refusal';
import type { SamlRequestCache } from './request-cache';
import { idpConnection } from './settings';
import type { TenantSso } from './settings-service';
import type { AcceptedLogin, SsoLoginService } from './sso-login';
import { samlStrategyOptions } from './strategy-options';

/** One SAML exchange: the tenant, its request cache, and what provisioning changed. */
export interface SamlExchange {
  sso: TenantSso;
  cache: SamlRequestCache;
  changes: ProvisionChange[];
}

/** A LogoutRequest from the IdP, verified: whose sessions to end. */
export type IdpLogoutHandler = (req: Request, sso: TenantSso, profile: Profile) => Promise<void>;

const exchanges = new WeakMap<Request, SamlExchange>();

function exchangeOf(req: Request): SamlExchange {
  const exchange = exchanges.get(req);
  if (!exchange) throw new Error('saml: no exchange for this request');
  return exchange;
}

/**
 * Parley's use of passport-saml: one `MultiSamlStrategy` whose options are
 * built per request from the tenant the URL names (see strategy-options.ts),
 * with a private passport instance and no passport sessions (Parley's own
 * session service signs users in). Callback-style passport calls are turned
 * into promises here so the routes stay thin.
 */
export class SamlGateway {
  private readonly passport = new Passport();

  constructor(
    private readonly login: SsoLoginService,
    private readonly onIdpLogout: IdpLogoutHandler,
  ) {
    const strategy = new MultiSamlStrategy(
      {
        passReqToCallback: true,
        getSamlOptions: (req, done) => {
          try {
            const { sso, cache } = exchangeOf(req as unknown as Request);
            const idp = idpConnection(sso.settings);
            if (!idp)
              return done(new SamlRefusal('malformed', 'No identity provider is configured.'));
            done(null, samlStrategyOptions(idp, sso.sp, cache));
          } catch (error) {
            done(error as Error);
          }
        },
      },
      (req, profile, done) => {
        const { sso, cache, changes } = exchangeOf(req as unknown as Request);
        if (!profile) return done(new SamlRefusal('malformed', 'The response carries no profile.'));
        this.login
          .accept(sso, profile, cache.consumed, changes)
          .then((accepted) => done(null, accepted as unknown as Record<string, unknown>), done);
      },
      (req, profile, done) => {
        const { sso } = exchangeOf(req as unknown as Request);
        if (!profile) return done(null, {});
        // passport-saml answers "success" when the returned user equals req.user.
        const user = { nameID: profile.nameID };
        (req as { user?: unknown }).user = user;
        this.onIdpLogout(req as unknown as Request, sso, profile).then(
          () => done(null, user),
          done,
        );
      },
    );
    // passport-saml bundles its own @types/express (v4); the runtime objects are the same.
    this.passport.use('saml', strategy as unknown as Strategy);
  }

  private run(req: Request, res: Response, exchange: SamlExchange): Promise<unknown> {
    exchanges.set(req, exchange);
    // passport-saml calls req.logOut after an IdP LogoutRequest; sessions are ended by onIdpLogout.
    (req as unknown as { logOut(cb: () => void): void }).logOut = (cb) => cb();
    return new Promise((resolve, reject) => {
      const next: NextFunction = (error?: unknown) => (error ? reject(error) : resolve(undefined));
      this.passport.authenticate('saml', { session: false }, (error: unknown, user: unknown) => {
        if (error) reject(error);
        else resolve(user);
      })(req, res, next);
      // A redirect (to the IdP) ends the response without calling back.
      res.once('finish', () => resolve(undefined));
    });
  }

  /** Sends the browser to the IdP with a fresh AuthnRequest (its id goes into the cache). */
  async redirectToIdp(req: Request, res: Response, exchange: SamlExchange): Promise<void> {
    await this.run(req, res, exchange);
  }

  /** Verifies a POSTed SAMLResponse end to end; rejects with node-saml's error or a SamlRefusal. */
  async acceptResponse(
    req: Request,
    res: Response,
    exchange: SamlExchange,
  ): Promise<AcceptedLogin> {
    const accepted = (await this.run(req, res, exchange)) as AcceptedLogin | undefined;
    if (!accepted) throw new SamlRefusal('malformed', 'The response was not accepted.');
    return accepted;
  }

  /** Handles the SLO endpoint (IdP LogoutRequest or LogoutResponse); may redirect to the IdP. */
  async singleLogout(req: Request, res: Response, exchange: SamlExchange): Promise<void> {
    await this.run(req, res, exchange);
  }

  /** The IdP's single-logout URL with a LogoutRequest for this person, or null without SLO. */
  async logoutUrl(
    exchange: SamlExchange,
    person: { nameID: string; nameIDFormat: string; sessionIndex?: string },
  ): Promise<string | null> {
    const idp = idpConnection(exchange.sso.settings);
    if (!idp?.sloUrl) return null;
    const saml = new SAML(samlStrategyOptions(idp, exchange.sso.sp, exchange.cache));
    return saml.getLogoutUrlAsync(person as unknown as Profile, '', {});
  }

  /** The SP metadata XML for a tenant (available before the IdP is configured). */
  static metadata(sso: TenantSso): string {
    return generateServiceProviderMetadata({
      issuer: sso.sp.entityId,
      callbackUrl: sso.sp.acsUrl,
      logoutCallbackUrl: sso.sp.sloUrl,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      wantAssertionsSigned: true,
    });
  }
}
