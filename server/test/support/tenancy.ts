import type { TestContext } from 'node:test';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/connect';
import type { Role } from '../../src/services/auth/permissions';
import { MemoryMailer } from '../../src/services/mail/mailer';
import type { PlanLimits } from '../../src/services/rate-limit/limits';
import { type AccessServices, createAccessServices } from '../../src/services/tenants/access';
import { provisionTenant } from '../../src/services/tenants/provision';
import { startTestDatabase } from './database';
import { startApp } from './start-app';

/** A tenant made for a test, with its keys and one user per role (password `password-<role>`). */
export interface TestTenant {
  id: string;
  slug: string;
  publishableKey: string;
  secretKey: string;
  users: Record<Role, { email: string; password: string }>;
}

/** An app on a real embedded database, with a memory mailer and direct access to the services. */
export interface Tenancy {
  url: string;
  database: Database;
  access: AccessServices;
  mailer: MemoryMailer;
  createTenant(
    slug: string,
    /** `plan` defaults to the catalogue's default (Free: 2 seats, 1 origin). */
    options?: { origins?: string[]; mode?: 'live' | 'test'; plan?: string },
  ): Promise<TestTenant>;
}

/** Starts the app with tenancy on a fresh (or given) embedded database. */
export async function startTenancy(
  t: TestContext,
  options: {
    database?: Database;
    planLimits?: Record<string, PlanLimits>;
    /** Extra environment for the app's config (e.g. `PUBLIC_URL`, `NODE_ENV`). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Tenancy> {
  const database = options.database ?? (await startTestDatabase(t));
  const mailer = new MemoryMailer();
  const { url } = await startApp(t, {
    database,
    tenancy: { mailer, planLimits: options.planLimits },
    ...(options.env && {
      config: loadConfig({ PARLEY_LOG_LEVEL: 'silent', PORT: '0', ...options.env }),
    }),
  });
  const access = createAccessServices({ connection: database.connection, publicUrl: url, mailer });
  return {
    url,
    database,
    access,
    mailer,
    async createTenant(slug, opts = {}) {
      const created = await provisionTenant(
        access,
        {
          name: `${slug} Inc`,
          slug,
          allowedOrigins: opts.origins ?? [`https://${slug}.example`],
          mode: opts.mode ?? 'live',
          plan: opts.plan,
          admin: { email: `owner@${slug}.example`, password: 'password-owner' },
        },
        { type: 'system', id: null, label: 'test' },
      );
      const users = {
        owner: { email: `owner@${slug}.example`, password: 'password-owner' },
      } as TestTenant['users'];
      for (const role of ['admin', 'editor', 'viewer'] as const) {
        const email = `${role}@${slug}.example`;
        await access.users.create(created.tenant._id, {
          email,
          role,
          password: `password-${role}`,
        });
        users[role] = { email, password: `password-${role}` };
      }
      return {
        id: String(created.tenant._id),
        slug,
        publishableKey: created.publishableKey,
        secretKey: created.secretKey,
        users,
      };
    },
  };
}

/** A console session in a test: keeps the cookie and sends the CSRF token on changes. */
export class ConsoleClient {
  cookie = '';
  csrfToken = '';

  constructor(readonly url: string) {}

  /** Signs in; throws with the body when it fails. */
  static async signIn(
    url: string,
    user: { email: string; password: string },
  ): Promise<ConsoleClient> {
    const client = new ConsoleClient(url);
    const res = await client.request('POST', '/api/auth/login', user);
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    return client;
  }

  /** Sends a request with the session cookie (and the CSRF token unless `csrf: false`). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (pair?.startsWith('parley_session='))
        this.cookie = /Expires=Thu, 01 Jan 1970/.test(line) ? '' : pair;
    }
    if (res.headers.get('content-type')?.includes('json') && res.status < 300) {
      const data = (await res.clone().json()) as { csrfToken?: string };
      if (typeof data?.csrfToken === 'string') this.csrfToken = data.csrfToken;
    }
    return res;
  }
}

/** Calls the admin API with a secret key. */
export function withSecretKey(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
) {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Calls a widget endpoint as a page on `origin` would. */
export function asWidget(
  url: string,
  key: string,
  origin: string | undefined,
  path = '/v1/widget/config',
  init: RequestInit = {},
) {
  const headers: Record<string, string> = {
    'x-parley-key': key,
    ...(init.headers as Record<string, string>),
  };
  if (origin !== undefined) headers.origin = origin;
  return fetch(`${url}${path}`, { ...init, headers });
}

/** The error code of a JSON error response. */
export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? `(no error: ${res.status})`;
}
