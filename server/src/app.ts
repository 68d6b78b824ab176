import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import type { Database } from './db/connect';
import type { Logger } from './logger';
import { errorHandler, notFound } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { requireWidgetKey } from './middleware/widget-auth';
import { chatRouter } from './routes/chat';
import { conversationsRouter } from './routes/conversations';
import { healthRouter, type ReadinessCheck } from './routes/health';
import { pagesRouter } from './routes/pages';
import { stripeWebhookRouter } from './routes/stripe-webhook';
import { type Billing, createBilling } from './services/billing/index';
import { type ChatOverrides, createChatFromConfig } from './services/chat/create-chat';

/** What the app needs from the outside world; main.ts and tests provide it. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** The MongoDB connection (embedded store or Atlas); absent only in tests that need none. */
  database?: Database;
  /** Chat pipeline overrides (retriever, responder, timings) for tests and benchmarks. */
  chat?: ChatOverrides;
  /** Billing (plans, quotas, Stripe); built from config and the database when not given. */
  billing?: Billing;
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
        })
      : undefined);
  // Stripe signs the raw bytes: the webhook must see the body before any JSON parser.
  app.use(stripeWebhookRouter({ billing }));
  app.use(express.json({ limit: '64kb' }));
  if (deps.database) {
    const chat = createChatFromConfig({
      config: deps.config,
      connection: deps.database.connection,
      logger: deps.logger,
      // A message is reserved against the plan's quota before any model call.
      admission: billing ? [({ tenant }) => billing.quotas.reserveChatMessage(tenant.id)] : [],
      overrides: deps.chat,
    });
    const widget = { chat, widgetAuth: requireWidgetKey, heartbeatMs: deps.chat?.heartbeatMs };
    app.use(chatRouter(widget));
    app.use(conversationsRouter(widget));
  }
  app.use(pagesRouter({ demo: deps.config.demo }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
