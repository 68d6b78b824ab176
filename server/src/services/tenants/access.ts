import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { ParleyError } from '../../errors';
import { AuditService } from '../audit/audit-service';
import { AuthService } from '../auth/auth-service';
import { SessionService } from '../auth/sessions';
import { PasswordTokenService } from '../auth/tokens';
import { UserService } from '../auth/users';
import { KeyService } from '../keys/key-service';
import { LogMailer, type Mailer } from '../mail/mailer';
import { RateLimiter } from '../rate-limit/limiter';
import { defaultPlanLimits, type PlanLimits } from '../rate-limit/limits';
import { TenantService } from './tenant-service';

/**
 * Everything tenancy needs at request time: tenants, keys, users, sessions,
 * auth, audit and rate limits, built once per app on one connection.
 */
export interface AccessServices {
  connection: Connection;
  publicUrl: string;
  /** Cookies get `Secure` unless the server runs plain HTTP on a non-loopback host. */
  production: boolean;
  tenants: TenantService;
  keys: KeyService;
  users: UserService;
  sessions: SessionService;
  tokens: PasswordTokenService;
  auth: AuthService;
  audit: AuditService;
  limiter: RateLimiter;
  planLimits: Record<string, PlanLimits>;
  mailer: Mailer;
}

/** Options for {@link createAccessServices}. */
export interface AccessOptions {
  connection: Connection;
  publicUrl: string;
  production?: boolean;
  /** Defaults to a mailer that writes messages to `logger`. */
  mailer?: Mailer;
  logger?: { info(object: object, message: string): void };
  /** Rate limits per plan; defaults to {@link defaultPlanLimits}. */
  planLimits?: Record<string, PlanLimits>;
}

/** Builds the access services on one connection. */
export function createAccessServices(options: AccessOptions): AccessServices {
  const { connection } = options;
  const tenants = new TenantService(connection);
  const users = new UserService(connection);
  const sessions = new SessionService(connection);
  const tokens = new PasswordTokenService(connection);
  const limiter = new RateLimiter(connection);
  const mailer = options.mailer ?? new LogMailer(options.logger ?? { info() {} });
  return {
    connection,
    publicUrl: options.publicUrl,
    production: options.production ?? false,
    tenants,
    keys: new KeyService(connection),
    users,
    sessions,
    tokens,
    auth: new AuthService({
      users,
      sessions,
      tokens,
      tenants,
      limiter,
      mailer,
      publicUrl: options.publicUrl,
    }),
    audit: new AuditService(connection),
    limiter,
    planLimits: options.planLimits ?? defaultPlanLimits,
    mailer,
  };
}

const localsKey = 'parleyAccess';

/** Makes the services reachable from middleware (`requireAdmin`, `requireWidgetKey`, `audit`). */
export function installAccess(
  app: { locals: Record<string, unknown> },
  services: AccessServices,
): void {
  app.locals[localsKey] = services;
}

/** The app's access services; 503 when the app runs without a database. */
export function accessOf(req: Request): AccessServices {
  const services = req.app.locals[localsKey] as AccessServices | undefined;
  if (!services) throw new ParleyError('PARLEY_DATABASE_UNAVAILABLE');
  return services;
}
