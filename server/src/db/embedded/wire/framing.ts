import {
  calculateObjectSize,
  type Document,
  deserialize,
  serialize,
  serializeWithBufferAndIndex,
} from 'bson';
import { crc32c } from './crc32c';

/** Wire opcodes this store speaks. */
export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

/** OP_MSG flag bits. */
export const MsgFlags = { checksumPresent: 1, moreToCome: 2, exhaustAllowed: 1 << 16 } as const;

/** The largest message a client may send (MongoDB's own maxMessageSizeBytes). */
export const MAX_MESSAGE_BYTES = 48_000_000;

/**
 * How request documents are decoded. Buffers stay `Binary` so a subtype
 * survives a round trip; regular expressions become RegExp so mingo can run them.
 */
export const decodeOptions = { promoteBuffers: false, bsonRegExp: false } as const;

/** One decoded client request. */
export type WireRequest =
  | { kind: 'msg'; requestId: number; flags: number; command: Document }
  | {
      kind: 'query';
      requestId: number;
      /** `db.$cmd` for commands, the only OP_QUERY use modern drivers make. */
      fullCollectionName: string;
      command: Document;
    };

/** A protocol violation: the connection is closed after it. */
export class WireError extends Error {
  override name = 'WireError';
}

/** Splits a TCP byte stream into whole frames (each starts with its int32 length). */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Adds received bytes; returns every frame they complete. */
  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Buffer[] = [];
    while (this.pendingBytes >= 4) {
      const head = this.pending.length === 1 ? this.pending[0]! : this.flatten();
      const length = head.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_BYTES) {
        throw new WireError(`invalid message length ${length}`);
      }
      if (this.pendingBytes < length) break;
      const all = this.flatten();
      frames.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return frames;
  }

  private flatten(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0]!;
  }
}

function readCString(frame: Buffer, offset: number): [string, number] {
  const end = frame.indexOf(0, offset);
  if (end < 0) throw new WireError('unterminated C string');
  return [frame.toString('utf8', offset, end), end + 1];
}

function readDocument(frame: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 5 > limit) throw new WireError('truncated document');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new WireError('document overruns its section');
  return [deserialize(frame.subarray(offset, offset + size), decodeOptions), offset + size];
}

/**
 * Decodes one frame. Kind-1 document sequences (driver 7 sends `documents`,
 * `updates`, `deletes` that way) are folded into the command body as arrays,
 * so command handlers see one shape whichever driver spoke.
 */
export function parseFrame(frame: Buffer): WireRequest {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OpCode.MSG) {
    const flags = frame.readUInt32LE(16);
    let end = frame.length;
    if (flags & MsgFlags.checksumPresent) {
      end -= 4;
      if (end < 21) throw new WireError('message too short for its checksum');
      if (crc32c(frame, 0, end) !== frame.readUInt32LE(end)) {
        throw new WireError('OP_MSG checksum mismatch');
      }
    }
    let body: Document | undefined;
    const sequences: [string, Document[]][] = [];
    let offset = 20;
    while (offset < end) {
      const kind = frame[offset++];
      if (kind === 0) {
        if (body) throw new WireError('OP_MSG has two body sections');
        [body, offset] = readDocument(frame, offset, end);
      } else if (kind === 1) {
        const size = frame.readInt32LE(offset);
        const sectionEnd = offset + size;
        if (size < 5 || sectionEnd > end) throw new WireError('document sequence overruns');
        let [identifier, at] = readCString(frame, offset + 4);
        const docs: Document[] = [];
        while (at < sectionEnd) {
          let doc: Document;
          [doc, at] = readDocument(frame, at, sectionEnd);
          docs.push(doc);
        }
        sequences.push([identifier, docs]);
        offset = sectionEnd;
      } else {
        throw new WireError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new WireError('OP_MSG without a body section');
    for (const [identifier, docs] of sequences) {
      body[identifier] = [...((body[identifier] as Document[] | undefined) ?? []), ...docs];
    }
    return { kind: 'msg', requestId, flags, command: body };
  }
  if (opCode === OpCode.QUERY) {
    const [fullCollectionName, afterName] = readCString(frame, 20);
    const [command] = readDocument(frame, afterName + 8, frame.length);
    return { kind: 'query', requestId, fullCollectionName, command };
  }
  throw new WireError(`unsupported opcode ${opCode}`);
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.allocUnsafe(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** Encodes an OP_MSG reply with one body section. */
export function encodeMsg(requestId: number, responseTo: number, doc: Document, flags = 0): Buffer {
  // One allocation: the document is serialised straight after the 21-byte prefix.
  const size = calculateObjectSize(doc);
  const frame = Buffer.allocUnsafe(21 + size);
  serializeWithBufferAndIndex(doc, frame, { index: 21 });
  frame.writeInt32LE(21 + size, 0);
  frame.writeInt32LE(requestId, 4);
  frame.writeInt32LE(responseTo, 8);
  frame.writeInt32LE(OpCode.MSG, 12);
  frame.writeUInt32LE(flags, 16);
  frame[20] = 0;
  return frame;
}

/** Encodes a legacy OP_REPLY with one document (the answer to the OP_QUERY handshake). */
export function encodeReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const fields = Buffer.alloc(20); // responseFlags 0, cursorId 0, startingFrom 0, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([
    header(36 + body.length, requestId, responseTo, OpCode.REPLY),
    fields,
    body,
  ]);
}
