import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import type { Database } from './db/connect';
import type { Logger } from './logger';
import { authenticateAdmin, requireAdmin } from './middleware/admin-auth';
import { widgetPreflight } from './middleware/cors';
import { errorHandler, notFound } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { requireWidgetKey } from './middleware/widget-auth';
import { paths } from './paths';
import { adminConversationsRouter } from './routes/admin-conversations';
import { assetsRouter } from './routes/assets';
import { auditRouter } from './routes/audit';
import { authRouter } from './routes/auth';
import { billingRouter } from './routes/billing';
import { chatRouter } from './routes/chat';
import { consoleRouter } from './routes/console';
import { conversationsRouter } from './routes/conversations';
import { documentsRouter } from './routes/documents';
import { healthRouter, type ReadinessCheck } from './routes/health';
import { keysRouter } from './routes/keys';
import { operatorRouter } from './routes/operator';
import { pagesRouter } from './routes/pages';
import { samlRouter } from './routes/saml';
import { ssoSettingsBody, ssoSettingsRouter } from './routes/sso-settings';
import { stripeWebhookRouter } from './routes/stripe-webhook';
import { tenantRouter } from './routes/tenant';
import { themePreviewRouter, themeRouter } from './routes/theme';
import { usageRouter } from './routes/usage';
import { usersRouter } from './routes/users';
import { type ThemePayloadFn, widgetConfigRouter } from './routes/widget-config';
import { audit } from './services/audit/audit';
import { type Billing, createBilling } from './services/billing/index';
import { type ChatOverrides, createChatFromConfig } from './services/chat/create-chat';
import { createKnowledgeBase, type KnowledgeBase } from './services/knowledge/index';
import { LogMailer, type Mailer } from './services/mail/mailer';
import type { PlanLimits } from './services/rate-limit/limits';
import { createSso } from './services/saml/create-sso';
import { createAccessServices, installAccess } from './services/tenants/access';
import { AssetService, ThemeService, widgetThemePayload } from './services/theme/index';

/** What the app needs from the outside world; main.ts and tests provide it. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** The MongoDB connection (embedded store or Atlas); absent only in tests that need none. */
  database?: Database;
  /** Chat pipeline overrides (retriever, responder, timings) for tests and benchmarks. */
  chat?: ChatOverrides;
  /** The knowledge base (documents, ingestion, retrieval); built from config when not given. */
  knowledge?: KnowledgeBase;
  /** Billing (plans, quotas, Stripe); built from config and the database when not given. */
  billing?: Billing;
  /** Tenancy: mailer (default: log), rate limits per plan, theme payload of the widget config. */
  tenancy?: {
    mailer?: Mailer;
    planLimits?: Record<string, PlanLimits>;
    themePayload?: ThemePayloadFn;
  };
}

/** The composition root: builds the Express app from its dependencies. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(healthRouter(deps.readinessChecks));
  const billing =
    deps.billing ??
    (deps.database
      ? createBilling({
          config: deps.config,
          connection: deps.database.connection,
          logger: deps.logger,
          mailer: deps.tenancy?.mailer ?? new LogMailer(deps.logger),
        })
      : undefined);
  // main.ts reaches it here to start the meter job after listening (`billing.startMeter`).
  app.locals.billing = billing;
  // Stripe signs the raw bytes: the webhook must see the body before any JSON parser.
  app.use(stripeWebhookRouter({ billing }));
  // Pasted IdP metadata may pass 64 kB: its route parses its own body first.
  app.use(ssoSettingsBody);
  app.use(express.json({ limit: '64kb' }));
  if (deps.database) {
    installAccess(
      app,
      createAccessServices({
        connection: deps.database.connection,
        publicUrl: deps.config.publicUrl,
        production: deps.config.production,
        logger: deps.logger,
        mailer: deps.tenancy?.mailer,
        planLimits: deps.tenancy?.planLimits,
      }),
    );
  }
  // Tenancy: widget CORS preflight, the admin caller, then the tenancy routes.
  app.use('/v1', widgetPreflight);
  app.use('/api', authenticateAdmin(deps.config.sessionSecret));
  app.use(authRouter());
  // Billing gates the plan's seats, widget origins and badge removal, and operator plan changes.
  app.use(tenantRouter({ billing }));
  app.use(keysRouter());
  app.use(usersRouter({ billing }));
  app.use(auditRouter());
  app.use(operatorRouter({ billing }));
  if (billing) {
    app.use(billingRouter({ billing }));
    app.use(usageRouter({ billing }));
  }
  // SAML SSO: the widget config tells the widget whether to offer sign-in; the routes below run it.
  const sso = deps.database
    ? createSso({
        connection: deps.database.connection,
        publicUrl: deps.config.publicUrl,
        featureGate: billing
          ? (tenantId) => billing.assertFeature(tenantId, 'ssoAllowed')
          : undefined,
        seatGate: billing
          ? (tenantId, active) => billing.assertWithinLimit(tenantId, 'seats', active)
          : undefined,
        seatLock: billing
          ? (tenantId, section) => billing.withLimitLock(tenantId, 'seats', section)
          : undefined,
      })
    : undefined;
  app.use(
    widgetConfigRouter({
      billing,
      sso: sso?.settings,
      themePayload:
        deps.tenancy?.themePayload ??
        ((tenant) => widgetThemePayload(tenant, { publicUrl: deps.config.publicUrl })),
    }),
  );
  app.use(consoleRouter({ dir: paths.console }));
  // Theme: the admin API, logo/avatar uploads and their public URLs, the editor's preview frames.
  app.use(themePreviewRouter());
  if (deps.database) {
    const assets = new AssetService(deps.database.connection);
    const themes = new ThemeService(deps.database.connection, {
      assetExists: (tenantId, path) => assets.exists(tenantId, path),
    });
    app.use(themeRouter({ themes, requireAdmin, audit }));
    app.use(assetsRouter({ assets, requireAdmin, audit, publicUrl: deps.config.publicUrl }));
  }
  if (deps.database && sso) {
    app.use(ssoSettingsRouter(sso));
    app.use(
      samlRouter({
        ...sso,
        connection: deps.database.connection,
        publicUrl: deps.config.publicUrl,
        sessionSecret: deps.config.sessionSecret,
      }),
    );
  }
  if (deps.database) {
    const knowledge =
      deps.knowledge ??
      createKnowledgeBase({
        config: deps.config,
        connection: deps.database.connection,
        logger: deps.logger,
        billing,
      });
    // main.ts reaches it here to ingest the demo handbook after seeding; its shutdown closes it.
    app.locals.knowledge = knowledge;
    app.use(documentsRouter({ knowledge }));
    const chat = createChatFromConfig({
      config: deps.config,
      connection: deps.database.connection,
      logger: deps.logger,
      // A message is reserved against the plan's quota before any model call.
      admission: billing ? [({ tenant }) => billing.assertChatAllowed(tenant.id)] : [],
      overrides: { ...deps.chat, retriever: deps.chat?.retriever ?? knowledge.retriever },
    });
    // main.ts's shutdown closes it before the database: its writes are batched.
    app.locals.chat = chat;
    const widget = { chat, widgetAuth: requireWidgetKey, heartbeatMs: deps.chat?.heartbeatMs };
    app.use(chatRouter(widget));
    app.use(conversationsRouter(widget));
    app.use(adminConversationsRouter(deps.database.connection));
  }
  app.use(pagesRouter({ demo: deps.config.demo }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
