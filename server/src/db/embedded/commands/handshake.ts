import type { Document } from 'bson';
import { version } from '../version';
import type { CommandTable } from './context';

const startedAt = new Date();

/** The hello/isMaster reply for a standalone server. */
export function helloReply(connectionId: number, legacy: boolean): Document {
  return {
    // topologyVersion is deliberately absent: without it the driver polls
    // hello instead of holding an awaitable hello open (which this store does not implement).
    helloOk: true,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

/** Handshake, session and diagnostics commands the drivers send. */
export const handshakeCommands: CommandTable = {
  hello: (_cmd, ctx) => helloReply(ctx.connectionId, false),
  isMaster: (_cmd, ctx) => helloReply(ctx.connectionId, true),
  ismaster: (_cmd, ctx) => helloReply(ctx.connectionId, true),
  ping: () => ({ ok: 1 }),
  buildInfo: () => buildInfo(),
  buildinfo: () => buildInfo(),
  getParameter: (cmd) => {
    const reply: Document = { ok: 1 };
    if (cmd.featureCompatibilityVersion) reply.featureCompatibilityVersion = { version: '7.0' };
    return reply;
  },
  endSessions: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  killSessions: () => ({ ok: 1 }),
  killAllSessions: () => ({ ok: 1 }),
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.host, ok: 1 }),
  hostInfo: () => ({
    system: { currentTime: new Date(), hostname: 'localhost' },
    os: { type: process.platform },
    extra: {},
    ok: 1,
  }),
  getCmdLineOpts: () => ({ argv: ['parley-embedded'], parsed: {}, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  connectionStatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  serverStatus: () => ({
    host: 'localhost',
    version,
    process: 'parley-embedded',
    uptime: (Date.now() - startedAt.getTime()) / 1000,
    localTime: new Date(),
    ok: 1,
  }),
};

function buildInfo(): Document {
  const [major, minor, patch] = version.split('.').map(Number);
  return {
    version,
    gitVersion: 'parley-embedded',
    versionArray: [major, minor, patch, 0],
    bits: 64,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['parley'],
    modules: [],
    ok: 1,
  };
}
