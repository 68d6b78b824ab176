import { mkdirSync } from 'node:fs';
import { Catalog } from './engine/catalog';
import { WireServer } from './server';

/** Options for {@link startEmbeddedMongo}. */
export interface EmbeddedMongoOptions {
  /** Data directory; created if missing. */
  dir: string;
  /** TCP port on 127.0.0.1; 0 or absent picks a free port. */
  port?: number;
}

/** A running embedded store. */
export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>/` — give it to the driver, mongoose or langchain. */
  uri: string;
  port: number;
  /** Closes connections, flushes and releases the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts the in-process MongoDB-compatible store: a wire-protocol server on
 * 127.0.0.1 backed by memory and the data directory.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  mkdirSync(options.dir, { recursive: true });
  const catalog = new Catalog();
  const server = new WireServer(catalog);
  const port = await server.listen(options.port ?? 0);
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    stop() {
      stopped ??= server.close();
      return stopped;
    },
  };
}
