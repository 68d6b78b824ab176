import { mkdirSync } from 'node:fs';
import { startTtlMonitor } from './engine/ttl';
import { type PersistenceOptions, PersistentStore } from './persistence/store';
import { WireServer } from './server';
import { SessionRegistry } from './sessions';

export { DataDirLockedError } from './persistence/lock';
export { CorruptDataError } from './persistence/store';

/** Options for {@link startEmbeddedMongo}. */
export interface EmbeddedMongoOptions extends PersistenceOptions {
  /** Data directory; created if missing. One process owns it at a time. */
  dir: string;
  /** TCP port on 127.0.0.1; 0 or absent picks a free port. */
  port?: number;
  /** Told about failures that cost a client its connection (e.g. a failed journal write). */
  onError?: (error: unknown) => void;
  /** How often expired TTL documents are removed (default 10 s). */
  ttlMonitorMs?: number;
}

/** A running embedded store. */
export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>/` — give it to the driver, mongoose or langchain. */
  uri: string;
  port: number;
  /** Closes connections, makes every write durable and releases the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts the in-process MongoDB-compatible store: a wire-protocol server on
 * 127.0.0.1 whose state lives in memory and, durably, in `dir` (journal with
 * group commit plus snapshots). Acknowledged writes survive kill -9.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  mkdirSync(options.dir, { recursive: true });
  const store = await PersistentStore.open(options.dir, options);
  const sessions = new SessionRegistry();
  const server: WireServer = new WireServer(store.catalog, {
    afterCommand: () => store.flush(),
    execute: (body, context) => sessions.execute(body, context),
    hello: () => sessions.helloFields(server.host),
    onError: options.onError,
  });
  let port: number;
  try {
    port = await server.listen(options.port ?? 0);
  } catch (error) {
    await store.close();
    throw error;
  }
  const stopTtl = startTtlMonitor(
    store.catalog,
    options.ttlMonitorMs ?? 10_000,
    () => store.flush(),
    options.onError,
  );
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    stop() {
      stopTtl();
      stopped ??= server.close().finally(() => store.close());
      return stopped;
    },
  };
}
