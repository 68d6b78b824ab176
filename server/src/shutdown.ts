import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Database } from './db/connect';
import type { Billing } from './services/billing/index';
import type { ChatModule } from './services/chat/create-chat';
import type { KnowledgeBase } from './services/knowledge/knowledge-base';

/** A running server as `main.ts` started it: what a graceful stop has to close. */
export interface RunningServer {
  server: Server;
  /** The app from `createApp`; its modules are on `app.locals`. */
  app: Express;
  database: Database;
}

/** How long in-flight requests (answer streams included) may run on before they are cut, in ms. */
export const defaultGraceMs = 10_000;

/**
 * Stops a running server without losing acknowledged or buffered writes.
 * The order matters: every step may still write to the database, so it
 * closes last.
 *
 * 1. Stop accepting connections; idle keep-alives close now, in-flight
 *    requests (answer streams) may finish within `graceMs`, then are cut.
 * 2. Chat: answers still running are aborted and stored; the stream
 *    buffers and the batched conversation/message writes are flushed.
 * 3. Knowledge: the file being indexed stops at its next batch and the
 *    jobs this process holds end as interrupted instead of staying open.
 * 4. Billing: the meter job stops (a run in progress completes).
 * 5. The database (the embedded store writes its files and stops).
 */
export async function stopServer(
  running: RunningServer,
  options: { graceMs?: number } = {},
): Promise<void> {
  const { server, app, database } = running;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), options.graceMs ?? defaultGraceMs);
  force.unref();
  await closed;
  clearTimeout(force);
  await (app.locals.chat as ChatModule | undefined)?.close();
  await (app.locals.knowledge as KnowledgeBase | undefined)?.close();
  await (app.locals.billing as Billing | undefined)?.stop();
  await database.close();
}
