import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, type TestContext } from 'node:test';
import type { Types } from 'mongoose';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/connect';
import { createLogger } from '../../src/logger';
import { type AuditLog, auditLogModel } from '../../src/models/audit-log';
import { userModel } from '../../src/models/user';
import { MemoryMailer } from '../../src/services/mail/mailer';
import { type SpUrls, spUrls } from '../../src/services/saml/sp-urls';
import { type AccessServices, createAccessServices } from '../../src/services/tenants/access';
import { provisionTenant } from '../../src/services/tenants/provision';
import { startTestDatabase } from './database';
import { type IdpKeys, makeIdpKeys } from './saml-keys';
import { ConsoleClient } from './tenancy';
import { type AutoPostForm, parseAutoPostForm, TestIdp } from './test-idp';

/** Registers cleanup: a test's `t` or a suite's `{ after }` (one app for a whole file). */
export type Cleanup = Pick<TestContext, 'after'>;

/** A workspace made for a SAML test, with its owner signed in to the console. */
export interface SamlTenant {
  id: Types.ObjectId;
  slug: string;
  sp: SpUrls;
  owner: ConsoleClient;
  ownerEmail: string;
}

/** The app served at its own public URL (SP URLs must match the address the IdP posts to). */
export interface SamlApp {
  url: string;
  database: Database;
  access: AccessServices;
  createTenant(slug: string, plan?: string): Promise<SamlTenant>;
  /** A console client signed in as this user, without going through a password. */
  signInAs(user: { _id: Types.ObjectId; tenantId: Types.ObjectId | null }): Promise<ConsoleClient>;
  /** Points a tenant at an IdP through `PUT /api/sso/saml` and switches SSO on. */
  configure(tenant: SamlTenant, idp: TestIdp, extra?: Record<string, unknown>): Promise<void>;
  /** The tenant's audit entries with this action, oldest first. */
  auditEntries(tenant: SamlTenant, action: string): Promise<AuditLog[]>;
}

let sharedKeys: Promise<IdpKeys> | undefined;
/** One IdP key pair for the whole test process; tests needing another key make their own. */
export function sharedIdpKeys(): Promise<IdpKeys> {
  sharedKeys ??= makeIdpKeys('shared-idp.test');
  return sharedKeys;
}

/**
 * Starts the whole app on a fresh embedded database, listening where
 * PUBLIC_URL says. Owners are created and signed in directly (no argon2), so
 * a file can afford a tenant per test.
 */
export async function startSamlApp(t: Cleanup): Promise<SamlApp> {
  const database = await startTestDatabase(t as TestContext);
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessionSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    PARLEY_LOG_LEVEL: 'silent',
    PUBLIC_URL: url,
    PARLEY_DEMO: '0',
    PARLEY_SESSION_SECRET: sessionSecret,
  });
  const mailer = new MemoryMailer();
  server.on(
    'request',
    createApp({
      config,
      logger: createLogger('silent'),
      readinessChecks: [],
      database,
      tenancy: { mailer },
    }),
  );
  const access = createAccessServices({ connection: database.connection, publicUrl: url, mailer });
  const signInAs: SamlApp['signInAs'] = async (user) => {
    const { token } = await access.sessions.create(user, { method: 'password' });
    // What express's signed res.cookie writes: "s:" + value + "." + HMAC-SHA256, URL-encoded.
    const mac = createHmac('sha256', sessionSecret)
      .update(token)
      .digest('base64')
      .replace(/=+$/, '');
    return consoleFromCookie(url, `parley_session=${encodeURIComponent(`s:${token}.${mac}`)}`);
  };
  return {
    url,
    database,
    access,
    signInAs,
    async createTenant(slug, plan = 'enterprise') {
      const ownerEmail = `owner@${slug}.example`;
      const created = await provisionTenant(
        access,
        { name: `${slug} Inc`, slug, plan, allowedOrigins: [`https://${slug}.example`] },
        { type: 'system', id: null, label: 'test' },
      );
      const owner = await userModel(database.connection).create({
        tenantId: created.tenant._id,
        email: ownerEmail,
        role: 'owner',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash',
      });
      return {
        id: created.tenant._id,
        slug,
        sp: spUrls(url, slug),
        owner: await signInAs(owner),
        ownerEmail,
      };
    },
    async configure(tenant, idp, extra = {}) {
      const res = await tenant.owner.request('PUT', '/api/sso/saml', {
        metadataXml: idp.metadataXml(),
        enabled: true,
        jitProvisioning: true,
        defaultRole: 'viewer',
        ...extra,
      });
      if (res.status !== 200)
        throw new Error(`configure failed: ${res.status} ${await res.text()}`);
    },
    async auditEntries(tenant, action) {
      return auditLogModel(database.connection)
        .find({ tenantId: tenant.id, action })
        .sort({ createdAt: 1 })
        .lean<AuditLog[]>();
    },
  };
}

/**
 * One app for every test of a suite (call at `describe` level): starting a
 * database per test would cost more than the tests. Tests stay independent
 * by each making their own tenant; {@link uniqueSlug} names them.
 */
export function sharedSamlApp(): () => SamlApp {
  const cleanups: (() => unknown)[] = [];
  let app: SamlApp | undefined;
  before(async () => {
    app = await startSamlApp({ after: (fn: () => unknown) => cleanups.push(fn) } as Cleanup);
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return () => app!;
}

let slugCounter = 0;
/** A fresh workspace slug for this process. */
export const uniqueSlug = (prefix = 'acme') => `${prefix}-${++slugCounter}`;

/**
 * A new tenant (slug from `prefix`) connected to a new test IdP signing with
 * the shared key, configured with `settings` (see {@link SamlApp.configure}).
 */
export async function connectedTenant(
  t: TestContext,
  app: SamlApp,
  prefix: string,
  settings: Record<string, unknown> = {},
): Promise<{ tenant: SamlTenant; idp: TestIdp }> {
  const tenant = await app.createTenant(uniqueSlug(prefix));
  const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
  await app.configure(tenant, idp, settings);
  return { tenant, idp };
}

/** Follows an SP-initiated login to the IdP and returns the form the IdP hands the browser. */
export async function idpForm(
  app: SamlApp,
  tenant: SamlTenant,
  options: { query?: string; cookie?: string } = {},
): Promise<AutoPostForm> {
  const start = await fetch(`${app.url}/auth/saml/${tenant.slug}/login${options.query ?? ''}`, {
    redirect: 'manual',
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  if (start.status !== 302)
    throw new Error(`login did not redirect: ${start.status} ${await start.text()}`);
  const page = await fetch(start.headers.get('location')!);
  if (page.status !== 200) throw new Error(`IdP refused: ${await page.text()}`);
  return parseAutoPostForm(await page.text());
}

/** Submits a form as the browser does (urlencoded POST), without following the redirect. */
export function postForm(
  form: AutoPostForm,
  options: { action?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(options.action ?? form.action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    body: new URLSearchParams(form.fields).toString(),
  });
}

/** The `parley_session=…` pair a response sets, if any. */
export function sessionCookieOf(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('parley_session=') && pair.length > 'parley_session='.length);
}

/** A console client holding the cookie an ACS response set, with its CSRF token fetched. */
export async function consoleFromCookie(url: string, cookie: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(url);
  client.cookie = cookie;
  const res = await client.request('GET', '/api/auth/session');
  if (res.status !== 200) throw new Error(`session refused: ${res.status} ${await res.text()}`);
  return client;
}
