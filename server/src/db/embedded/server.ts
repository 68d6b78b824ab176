import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Document } from 'bson';
import { type CommandContext, sharedCollections } from './commands/context';
import { helloReply } from './commands/handshake';
import { runCommand } from './commands/index';
import type { Catalog } from './engine/catalog';
import { CursorManager } from './engine/cursors';
import {
  encodeMsg,
  encodeReply,
  FrameReader,
  MsgFlags,
  parseFrame,
  type WireRequest,
} from './wire/framing';

/** Hooks the wire server calls around each command (persistence and sessions plug in here). */
export interface ServerHooks {
  /** Runs before replying to a command; resolves once its writes are durable. */
  afterCommand?(): Promise<void>;
  /** Wraps command execution (transactions, retryable writes). */
  execute?(body: Document, context: CommandContext): Promise<Document>;
  /** Extra fields for hello replies (replica set identity). */
  hello?(): Document;
  /** Told about failures that cost a connection (protocol errors, a failed journal write). */
  onError?(error: unknown): void;
}

/**
 * The TCP side of the store: one connection per socket, requests of one
 * connection answered in order, connections served concurrently.
 */
export class WireServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private connections = 0;
  private requestIds = 0;
  readonly cursors = new CursorManager();
  /** Services other modules expose to command handlers. */
  readonly services: Record<string, unknown> = {};
  host = '127.0.0.1:0';

  constructor(
    readonly catalog: Catalog,
    private readonly hooks: ServerHooks = {},
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async listen(port: number): Promise<number> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    this.host = `127.0.0.1:${bound}`;
    return bound;
  }

  /** Stops accepting, closes every connection and cursor. */
  async close(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.cursors.close();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const connectionId = ++this.connections;
    const reader = new FrameReader();
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      try {
        frames = reader.push(chunk);
      } catch (error) {
        this.hooks.onError?.(error);
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        chain = chain
          .then(() => this.handle(frame, socket, connectionId))
          .catch((error: unknown) => {
            this.hooks.onError?.(error);
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(frame: Buffer, socket: Socket, connectionId: number): Promise<void> {
    const request: WireRequest = parseFrame(frame);
    const context: CommandContext = {
      catalog: this.catalog,
      cursors: this.cursors,
      db: 'admin',
      connectionId,
      host: this.host,
      services: this.services,
      collection: sharedCollections(this.catalog, () => context.db),
    };
    if (request.kind === 'query') {
      // Drivers open every connection with a legacy OP_QUERY isMaster on admin.$cmd.
      context.db = request.fullCollectionName.split('.')[0] ?? 'admin';
      const name = Object.keys(request.command)[0]?.toLowerCase();
      const reply =
        name === 'ismaster' || name === 'hello'
          ? { ...helloReply(connectionId, true), ...this.hooks.hello?.() }
          : {
              ok: 0,
              errmsg: 'OP_QUERY is only supported for the isMaster handshake',
              code: 352,
              codeName: 'UnsupportedOpQueryCommand',
            };
      if (!socket.destroyed) socket.write(encodeReply(++this.requestIds, request.requestId, reply));
      return;
    }
    const body = request.command;
    context.db = typeof body.$db === 'string' ? body.$db : 'admin';
    let reply = this.hooks.execute
      ? await this.hooks.execute(body, context)
      : await runCommand(body, context);
    const name = Object.keys(body)[0];
    if ((name === 'hello' || name === 'isMaster' || name === 'ismaster') && reply.ok === 1) {
      reply = { ...reply, ...this.hooks.hello?.() };
    }
    await this.hooks.afterCommand?.();
    if (request.flags & MsgFlags.moreToCome) return; // w:0 — the client expects no reply
    if (!socket.destroyed) socket.write(encodeMsg(++this.requestIds, request.requestId, reply));
  }
}
