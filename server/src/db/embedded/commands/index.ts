import type { Document } from 'bson';
import { Codes, MongoCommandError, toCommandError } from '../errors';
import { searchIndexCommands } from '../vector/search-indexes';
import { aggregateCommands } from './aggregate';
import type { CommandContext, CommandTable } from './context';
import { ddlCommands } from './ddl';
import { findAndModifyCommands } from './find-and-modify';
import { handshakeCommands } from './handshake';
import { readCommands } from './read';
import { writeCommands } from './write';

/** Every command the store answers, by name. Other modules may add to it (search indexes). */
export const commands: CommandTable = {
  ...handshakeCommands,
  ...writeCommands,
  ...readCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...ddlCommands,
  ...searchIndexCommands,
};

/** Commands that exist in MongoDB but not here, with the feature they belong to. */
const refused: Record<string, string> = {
  mapReduce: 'mapReduce (server-side JavaScript)',
  eval: 'eval (server-side JavaScript)',
  $eval: 'eval (server-side JavaScript)',
  saslStart: 'authentication',
  saslContinue: 'authentication',
  authenticate: 'authentication',
  createUser: 'user management',
  renameCollection: 'renameCollection',
  collMod: 'collMod',
  shutdown: 'shutdown over the wire',
  replSetGetStatus: 'replica set administration',
  explain: 'explain',
  geoNear: 'geospatial queries',
  bulkWrite: 'the bulkWrite command (MongoDB 8.0)',
};

/** Runs one command body; failures become MongoDB error replies, never exceptions. */
export async function runCommand(body: Document, context: CommandContext): Promise<Document> {
  const name = Object.keys(body)[0] ?? '';
  try {
    const handler = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!handler) {
      if (refused[name]) {
        throw new MongoCommandError(
          Codes.CommandNotSupported,
          `${refused[name]} is not supported by the Parley embedded store`,
        );
      }
      throw new MongoCommandError(Codes.CommandNotFound, `no such command: '${name}'`);
    }
    return await handler(body, context);
  } catch (error) {
    return toCommandError(error).toReply();
  }
}
