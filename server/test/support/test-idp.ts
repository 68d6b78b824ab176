import { createSign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { type IdpKeys, makeIdpKeys } from './saml-keys';
import {
  encodeResponse,
  type ResponseSpec,
  responseXml,
  type SigningSpec,
  samlId,
} from './saml-response';

/** What the IdP read from an AuthnRequest it received. */
export interface ReceivedAuthnRequest {
  id: string;
  issuer: string;
  acsUrl: string;
  relayState: string | undefined;
}

/** The person the IdP signs in next. */
export interface IdpUser {
  nameId: string;
  attributes: Record<string, string | string[]>;
}

/** A form the IdP hands the browser, which posts it to the SP. */
export interface AutoPostForm {
  action: string;
  fields: Record<string, string>;
}

const escAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A real, in-process SAML identity provider for tests. It listens on a port,
 * receives AuthnRequests over the HTTP-Redirect binding, and answers as Okta
 * or Entra ID do: an HTML page with an auto-submitting form that POSTs a
 * signed Response to the SP's ACS URL. Signing uses xml-crypto with a key pair
 * and self-signed certificate made at test time. Attack tests change how the
 * next response is made through `signing`, `overrides` and `tamper`.
 */
export class TestIdp {
  readonly requests: ReceivedAuthnRequest[] = [];
  /** LogoutRequests the SP sent to this IdP's single-logout URL (the raw XML). */
  readonly logoutRequests: string[] = [];
  /** Who signs in next. */
  user: IdpUser = {
    nameId: 'alice@northwind.example',
    attributes: { email: 'alice@northwind.example', displayName: 'Alice Example', groups: [] },
  };
  /** How the next response is signed (default: Response and Assertion, rsa-sha256). */
  signing: Partial<SigningSpec> = {};
  /** Fields forced into the next response (wrong audience, expired, …). */
  overrides: Partial<ResponseSpec> = {};
  /** Applied to the signed XML before encoding: alterations and wrapping attacks. */
  tamper: ((xml: string) => string) | undefined;

  private constructor(
    readonly url: string,
    readonly entityId: string,
    readonly keys: IdpKeys,
  ) {}

  /** Starts an IdP on a free port; stops it when the test ends. */
  static async start(
    t: TestContext,
    options: { entityId?: string; keys?: IdpKeys } = {},
  ): Promise<TestIdp> {
    const keys = options.keys ?? (await makeIdpKeys());
    let idp: TestIdp | undefined;
    const server: Server = createServer((req, res) => {
      try {
        const { status, type, body } = idp!.handle(new URL(req.url!, idp!.url));
        res.writeHead(status, { 'content-type': type }).end(body);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
    server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    t.after(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    idp = new TestIdp(url, options.entityId ?? `${url}/metadata`, keys);
    return idp;
  }

  get ssoUrl(): string {
    return `${this.url}/sso`;
  }

  get sloUrl(): string {
    return `${this.url}/slo`;
  }

  /** The IdP's metadata, as an admin would download it from the IdP's console. */
  metadataXml(extraCerts: string[] = []): string {
    const key = (cert: string) =>
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
    return (
      `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escAttr(this.entityId)}">` +
      '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
      [this.keys.certBase64, ...extraCerts].map(key).join('') +
      `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.sloUrl}"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.ssoUrl}"/>` +
      '</md:IDPSSODescriptor></md:EntityDescriptor>'
    );
  }

  /** A signed Response as this IdP would make it now, with the current user and settings. */
  response(base: { audience: string; destination: string; inResponseTo: string | null }): string {
    const xml = responseXml(
      {
        issuer: this.entityId,
        nameId: this.user.nameId,
        attributes: this.user.attributes,
        ...base,
        ...this.overrides,
      },
      { sign: 'both', keys: this.keys, ...this.signing },
    );
    return this.tamper ? this.tamper(xml) : xml;
  }

  /** An IdP-initiated login: a form posting an unsolicited response to the SP. */
  unsolicited(sp: { acsUrl: string; audience: string; relayState?: string }): AutoPostForm {
    const xml = this.response({
      audience: sp.audience,
      destination: sp.acsUrl,
      inResponseTo: null,
    });
    const fields: Record<string, string> = { SAMLResponse: encodeResponse(xml) };
    if (sp.relayState !== undefined) fields.RelayState = sp.relayState;
    return { action: sp.acsUrl, fields };
  }

  /**
   * An IdP-initiated single logout: the SP's SLO URL with a LogoutRequest for
   * `nameId`, signed over the query string as the HTTP-Redirect binding says.
   */
  logoutRequestUrl(
    sp: { sloUrl: string; entityId: string },
    nameId: string,
    signed = true,
  ): string {
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${escAttr(sp.sloUrl)}">` +
      `<saml:Issuer>${escAttr(this.entityId)}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escAttr(nameId)}</saml:NameID>` +
      '</samlp:LogoutRequest>';
    let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`;
    if (signed) {
      query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
      const signature = createSign('RSA-SHA256')
        .update(query)
        .sign(this.keys.privateKeyPem, 'base64');
      query += `&Signature=${encodeURIComponent(signature)}`;
    }
    return `${sp.sloUrl}?${query}`;
  }

  private handle(url: URL): { status: number; type: string; body: string } {
    if (url.pathname === '/slo') {
      const encoded = url.searchParams.get('SAMLRequest') ?? url.searchParams.get('SAMLResponse');
      if (encoded)
        this.logoutRequests.push(inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8'));
      return { status: 200, type: 'text/plain', body: 'signed out at the IdP' };
    }
    if (url.pathname === '/metadata') {
      return { status: 200, type: 'application/samlmetadata+xml', body: this.metadataXml() };
    }
    if (url.pathname !== '/sso') return { status: 404, type: 'text/plain', body: 'not found' };
    const request = readAuthnRequest(url);
    this.requests.push(request);
    const xml = this.response({
      audience: request.issuer,
      destination: request.acsUrl,
      inResponseTo: request.id,
    });
    const fields: Record<string, string> = { SAMLResponse: encodeResponse(xml) };
    if (request.relayState !== undefined) fields.RelayState = request.relayState;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: autoPostPage(request.acsUrl, fields),
    };
  }
}

function readAuthnRequest(url: URL): ReceivedAuthnRequest {
  const encoded = url.searchParams.get('SAMLRequest');
  if (!encoded) throw new Error('no SAMLRequest');
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  if (root.localName !== 'AuthnRequest') throw new Error(`not an AuthnRequest: ${root.localName}`);
  const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0];
  return {
    id: root.getAttribute('ID')!,
    issuer: issuer?.textContent?.trim() ?? '',
    acsUrl: root.getAttribute('AssertionConsumerServiceURL')!,
    relayState: url.searchParams.get('RelayState') ?? undefined,
  };
}

function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escAttr(value)}"/>`)
    .join('');
  return `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escAttr(action)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`;
}

/** Reads the auto-post form out of an IdP page, as the browser would submit it. */
export function parseAutoPostForm(html: string): AutoPostForm {
  const unesc = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error('no form in the IdP page');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) {
    fields[m[1]!] = unesc(m[2]!);
  }
  return { action: unesc(action), fields };
}
