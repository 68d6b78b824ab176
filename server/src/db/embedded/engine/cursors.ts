import { calculateObjectSize, type Document, Long } from 'bson';
import { Codes, MongoCommandError } from '../errors';

/** A reply batch stays under MongoDB's 16 MiB limit (a single larger document still goes alone). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
/** Idle cursors are reaped after MongoDB's default cursorTimeoutMillis. */
const IDLE_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  transform: (docs: Document[]) => Document[];
  touched: number;
}

/** A batch ready for a `cursor` reply. */
export interface Batch {
  id: Long;
  ns: string;
  docs: Document[];
}

/**
 * Open cursors of one store. Results are materialised when the cursor opens
 * (stored documents are immutable, so this is a consistent snapshot) and
 * projected batch by batch.
 */
export class CursorManager {
  private readonly open = new Map<bigint, OpenCursor>();
  private nextId = BigInt(Date.now()) * 1000n;
  private readonly reaper: NodeJS.Timeout;

  constructor() {
    this.reaper = setInterval(() => this.reap(), 60_000);
    this.reaper.unref();
  }

  /** Opens a cursor over `docs` and returns its first batch (id 0 when exhausted). */
  first(
    ns: string,
    docs: Document[],
    batchSize: number | undefined,
    transform: (docs: Document[]) => Document[] = (d) => d,
    singleBatch = false,
  ): Batch {
    const cursor: OpenCursor = { ns, docs, position: 0, transform, touched: Date.now() };
    const batch = this.take(cursor, batchSize ?? 101);
    if (singleBatch || cursor.position >= docs.length) return { id: Long.ZERO, ns, docs: batch };
    const id = ++this.nextId;
    this.open.set(id, cursor);
    return { id: Long.fromBigInt(id), ns, docs: batch };
  }

  /** The next batch of an open cursor (getMore). */
  more(key: bigint, ns: string, batchSize: number | undefined): Batch {
    const id = Long.fromBigInt(key);
    const cursor = this.open.get(key);
    if (!cursor) throw new MongoCommandError(Codes.CursorNotFound, `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new MongoCommandError(
        Codes.Unauthorized,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.touched = Date.now();
    const docs = this.take(cursor, batchSize ?? 0);
    if (cursor.position >= cursor.docs.length) {
      this.open.delete(key);
      return { id: Long.ZERO, ns, docs };
    }
    return { id, ns, docs };
  }

  /** Closes cursors; returns which ids were open and which were not. */
  kill(ids: bigint[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(Long.fromBigInt(id));
    return { killed, notFound };
  }

  /** Closes every cursor (store shutdown). */
  close(): void {
    clearInterval(this.reaper);
    this.open.clear();
  }

  private take(cursor: OpenCursor, batchSize: number): Document[] {
    const out: Document[] = [];
    let bytes = 0;
    while (cursor.position < cursor.docs.length && (batchSize <= 0 || out.length < batchSize)) {
      const [doc] = cursor.transform([cursor.docs[cursor.position]!]);
      const size = doc ? calculateObjectSize(doc) + 16 : 0;
      if (out.length && bytes + size > MAX_BATCH_BYTES) break;
      cursor.position++;
      if (!doc) continue;
      bytes += size;
      out.push(doc);
    }
    return out;
  }

  private reap(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, cursor] of this.open) if (cursor.touched < cutoff) this.open.delete(id);
  }
}
