import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import { startEmbeddedMongo } from './embedded/index';

/** An open database connection and how to close it. */
export interface Database {
  connection: Connection;
  /** The connection string in use (the embedded store's when it runs). */
  uri: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database name used on the embedded store (an Atlas URI names its own). */
export const EMBEDDED_DB_NAME = 'parley';

/** Connects mongoose to a MongoDB URI. */
export async function connectMongo(uri: string): Promise<Database> {
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  return {
    connection,
    uri,
    async ping() {
      await connection.db!.admin().command({ ping: 1 });
    },
    async close() {
      await connection.close();
    },
  };
}

/**
 * The server's database: `MONGODB_URI` when set, otherwise the embedded
 * store, started on a free local port with its data in `<dataDir>/db`.
 * Closing the database also stops the embedded store.
 */
export async function connectDatabase(
  config: Pick<Config, 'mongodbUri' | 'dataDir'>,
  options: { onStoreError?: (error: unknown) => void } = {},
): Promise<Database> {
  if (config.mongodbUri) return connectMongo(config.mongodbUri);
  const store = await startEmbeddedMongo({
    dir: join(config.dataDir, 'db'),
    onError: options.onStoreError,
  });
  try {
    const database = await connectMongo(`${store.uri}${EMBEDDED_DB_NAME}`);
    return {
      ...database,
      async close() {
        await database.close();
        await store.stop();
      },
    };
  } catch (error) {
    await store.stop();
    throw error;
  }
}
