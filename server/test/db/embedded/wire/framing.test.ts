import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserialize, serialize } from 'bson';
import { crc32c } from '../../../../src/db/embedded/wire/crc32c';
import {
  encodeMsg,
  encodeReply,
  FrameReader,
  OpCode,
  parseFrame,
} from '../../../../src/db/embedded/wire/framing';

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** An OP_MSG as driver 7 sends inserts: a body section plus a kind-1 `documents` sequence. */
function opMsg(flags: number, withChecksum: boolean): Buffer {
  const body = serialize({ insert: 'c', $db: 'd' });
  const docs = [serialize({ a: 1 }), serialize({ a: 2 })];
  const ident = Buffer.from('documents\0');
  const seqSize = Buffer.alloc(4);
  seqSize.writeInt32LE(4 + ident.length + docs[0]!.length + docs[1]!.length);
  const parts = [Buffer.from([0]), body, Buffer.from([1]), seqSize, ident, ...docs];
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags | (withChecksum ? 1 : 0));
  const payload = Buffer.concat([flagBytes, ...parts]);
  const length = 16 + payload.length + (withChecksum ? 4 : 0);
  const frame = Buffer.concat([
    header(length, 42, OpCode.MSG),
    payload,
    Buffer.alloc(withChecksum ? 4 : 0),
  ]);
  if (withChecksum) frame.writeUInt32LE(crc32c(frame, 0, frame.length - 4), frame.length - 4);
  return frame;
}

test('OP_MSG: kind-1 sequences fold into the body; checksums are verified', () => {
  const parsed = parseFrame(opMsg(0, true));
  assert.equal(parsed.kind, 'msg');
  assert.equal(parsed.requestId, 42);
  assert.deepEqual(parsed.command, { insert: 'c', $db: 'd', documents: [{ a: 1 }, { a: 2 }] });
  const corrupt = opMsg(0, true);
  corrupt[30] = corrupt[30]! ^ 0xff;
  assert.throws(() => parseFrame(corrupt), /checksum mismatch/);
});

test('CRC-32C matches the standard check value', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
});

test('legacy OP_QUERY is parsed and answered with OP_REPLY', () => {
  const query = serialize({ isMaster: 1, helloOk: true });
  const fixed = Buffer.alloc(4);
  const name = Buffer.from('admin.$cmd\0');
  const skipReturn = Buffer.alloc(8);
  const frame = Buffer.concat([
    header(16 + 4 + name.length + 8 + query.length, 7, OpCode.QUERY),
    fixed,
    name,
    skipReturn,
    query,
  ]);
  const parsed = parseFrame(frame);
  assert.equal(parsed.kind, 'query');
  assert.deepEqual(parsed.command, { isMaster: 1, helloOk: true });
  const reply = encodeReply(1, 7, { ok: 1 });
  assert.equal(reply.readInt32LE(8), 7);
  assert.equal(reply.readInt32LE(12), OpCode.REPLY);
  assert.equal(reply.readInt32LE(32), 1);
  assert.deepEqual(deserialize(reply.subarray(36)), { ok: 1 });
});

test('FrameReader reassembles frames split and merged across TCP chunks; bad lengths are refused', () => {
  const a = encodeMsg(1, 0, { ping: 1 });
  const b = encodeMsg(2, 0, { ping: 2 });
  const stream = Buffer.concat([a, b]);
  const reader = new FrameReader();
  const frames = [
    stream.subarray(0, 3),
    stream.subarray(3, a.length + 5),
    stream.subarray(a.length + 5),
  ].flatMap((c) => reader.push(c));
  assert.deepEqual(
    frames.map((f) => f.readInt32LE(4)),
    [1, 2],
  );
  assert.throws(() => new FrameReader().push(Buffer.from([1, 0, 0, 0])), /invalid message length/);
});
