import { type Document, Long, ObjectId } from 'bson';
import type { CommandContext } from './commands/context';
import { runCommand } from './commands/index';
import { Transaction, writeConflict } from './engine/transaction';
import { Codes, MongoCommandError } from './errors';

/** MongoDB's transactionLifetimeLimitSeconds default: older transactions are aborted. */
const TXN_LIFETIME_MS = 60_000;

/** Commands a transaction may run (MongoDB's list, minus DDL). */
const inTransaction = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'distinct',
  'commitTransaction',
  'abortTransaction',
]);
const retryable = new Set(['insert', 'update', 'delete', 'findAndModify']);

interface Session {
  txn?: Transaction;
  /** The last finished transaction: a retried commit must get the same answer. */
  finished?: { txnNumber: bigint; committed: boolean };
  /** Retryable writes: the reply to the last txnNumber, returned again on a retry. */
  lastWrite?: { txnNumber: bigint; reply: Document };
  touched: number;
}

function sessionKey(lsid: unknown): string | undefined {
  const id = (lsid as { id?: { buffer?: Uint8Array } } | undefined)?.id;
  return id?.buffer ? Buffer.from(id.buffer).toString('hex') : undefined;
}

function txnNumberOf(value: unknown): bigint {
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Long) return value.toBigInt();
  if (value && typeof (value as Long).toBigInt === 'function') return (value as Long).toBigInt();
  throw new MongoCommandError(Codes.TypeMismatch, 'txnNumber must be a 64-bit integer');
}

function noSuchTransaction(txnNumber: bigint): MongoCommandError {
  return new MongoCommandError(
    Codes.NoSuchTransaction,
    `Transaction with { txnNumber: ${txnNumber} } has been aborted or does not exist.`,
    {},
    ['TransientTransactionError'],
  );
}

/**
 * Logical sessions: multi-document transactions (`startTransaction`,
 * `autocommit: false`, `commitTransaction`, `abortTransaction`) and
 * retryable writes (a retried `txnNumber` gets the first reply, not a
 * second execution). Because transactions are real, the store advertises
 * itself as a single-node replica set, which is what lets drivers use them.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  /** Replica-set identity for hello: a one-member set whose member is this store. */
  helloFields(host: string): Document {
    return {
      setName: 'parley',
      setVersion: 1,
      hosts: [host],
      primary: host,
      me: host,
      secondary: false,
      electionId: new ObjectId('7fffffff0000000000000001'),
      lastWrite: { lastWriteDate: new Date() },
    };
  }

  /** Runs one command body with its session semantics. */
  async execute(body: Document, context: CommandContext): Promise<Document> {
    const name = Object.keys(body)[0] ?? '';
    if (name === 'endSessions' || name === 'killSessions') this.end(body[name]);
    const key = body.txnNumber === undefined ? undefined : sessionKey(body.lsid);
    if (!key) {
      if (name === 'commitTransaction' || name === 'abortTransaction') {
        return new MongoCommandError(
          Codes.NoSuchTransaction,
          'no transaction in progress: txnNumber and lsid are required',
        ).toReply();
      }
      return runCommand(body, context);
    }
    const session = this.session(key);
    const txnNumber = txnNumberOf(body.txnNumber);
    if (body.autocommit === false)
      return this.transactional(name, body, context, session, txnNumber);
    if (!retryable.has(name)) return runCommand(body, context);
    if (session.lastWrite?.txnNumber === txnNumber) return session.lastWrite.reply;
    if (session.lastWrite && session.lastWrite.txnNumber > txnNumber) {
      return new MongoCommandError(
        Codes.TransactionTooOld,
        `txnNumber ${txnNumber} is older than the session's ${session.lastWrite.txnNumber}`,
      ).toReply();
    }
    const reply = await runCommand(body, context);
    session.lastWrite = { txnNumber, reply };
    return reply;
  }

  private async transactional(
    name: string,
    body: Document,
    context: CommandContext,
    session: Session,
    txnNumber: bigint,
  ): Promise<Document> {
    try {
      if (body.startTransaction === true) {
        if (session.txn && session.txn.txnNumber >= txnNumber) {
          throw new MongoCommandError(
            Codes.ConflictingOperationInProgress,
            `txnNumber ${txnNumber} is not newer than the session's current transaction`,
          );
        }
        session.txn = new Transaction(txnNumber);
        session.finished = undefined;
      }
      if (name === 'commitTransaction' || name === 'abortTransaction') {
        return this.finish(name, context, session, txnNumber);
      }
      const txn = this.active(session, txnNumber);
      if (!inTransaction.has(name)) {
        session.txn = undefined;
        throw new MongoCommandError(
          Codes.OperationNotSupportedInTransaction,
          `Cannot run '${name}' in a multi-document transaction.`,
        );
      }
      const scoped: CommandContext = {
        ...context,
        collection: (collection, create) => {
          const base = create
            ? context.catalog.ensure(context.db, collection)
            : context.catalog.get(context.db, collection);
          return base && txn.view(base);
        },
      };
      const reply = await runCommand(body, scoped);
      // As in MongoDB, a failed statement aborts the transaction.
      if (reply.ok !== 1 || (reply.writeErrors as unknown[] | undefined)?.length) {
        session.txn = undefined;
        session.finished = { txnNumber, committed: false };
      }
      return reply;
    } catch (error) {
      if (error instanceof MongoCommandError) return error.toReply();
      throw error;
    }
  }

  private active(session: Session, txnNumber: bigint): Transaction {
    const txn = session.txn;
    if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (Date.now() - txn.startedAt > TXN_LIFETIME_MS) {
      session.txn = undefined;
      throw noSuchTransaction(txnNumber);
    }
    return txn;
  }

  private finish(
    name: string,
    context: CommandContext,
    session: Session,
    txnNumber: bigint,
  ): Document {
    const finished = session.finished;
    if (finished?.txnNumber === txnNumber) {
      // A retried commit (or abort) answers as the first one did.
      if (name === 'commitTransaction' && finished.committed) return { ok: 1 };
      if (name === 'abortTransaction' && !finished.committed) return { ok: 1 };
      throw noSuchTransaction(txnNumber);
    }
    const txn = this.active(session, txnNumber);
    session.txn = undefined;
    if (name === 'abortTransaction') {
      session.finished = { txnNumber, committed: false };
      return { ok: 1 };
    }
    try {
      txn.commit(context.catalog);
    } catch (error) {
      session.finished = { txnNumber, committed: false };
      if (error instanceof MongoCommandError && error.code === Codes.DuplicateKey)
        throw writeConflict('commit');
      throw error;
    }
    session.finished = { txnNumber, committed: true };
    return { ok: 1 };
  }

  private session(key: string): Session {
    const now = Date.now();
    let session = this.sessions.get(key);
    if (!session) {
      session = { touched: now };
      this.sessions.set(key, session);
      // Forget sessions idle past MongoDB's 30-minute logical session timeout.
      if (this.sessions.size % 1000 === 0) {
        for (const [k, s] of this.sessions)
          if (now - s.touched > 30 * 60_000) this.sessions.delete(k);
      }
    }
    session.touched = now;
    return session;
  }

  private end(lsids: unknown): void {
    for (const lsid of Array.isArray(lsids) ? lsids : []) {
      const key = sessionKey(lsid);
      if (key) this.sessions.delete(key);
    }
  }
}
