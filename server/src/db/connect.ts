import mongoose, { type Connection } from 'mongoose';

/** An open database connection and how to close it. */
export interface Database {
  connection: Connection;
  /** The connection string in use (the embedded store's when it runs). */
  uri: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

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
