import { endianness } from 'node:os';
import { Binary, type Document, deserialize, serialize } from 'bson';
import { isPlainObject } from '../engine/values';
import { crc32c } from '../wire/crc32c';
import { decodeOptions } from '../wire/framing';

/**
 * On-disk framing shared by the journal and snapshots:
 * `[u32 payload length][u32 CRC-32C of payload][payload]`, the payload being
 * one or more BSON documents back to back. A frame is all or nothing: a torn
 * or corrupt frame fails its length or checksum and is discarded.
 */
export const FRAME_HEADER = 8;

const littleEndian = endianness() === 'LE';

/** Subtype and magic prefix marking a packed number array (user subtypes are 0x80–0xff). */
const PACKED_SUBTYPE = 0x80;
const MAGIC = Buffer.from('PRLYF64\0');

/**
 * Long arrays of plain numbers (embeddings) are stored as packed float64
 * (8 bytes a number instead of BSON's 13) and restored exactly.
 */
function pack(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= 32 && value.every((x) => typeof x === 'number')) {
      const bytes = Buffer.allocUnsafe(MAGIC.length + value.length * 8);
      MAGIC.copy(bytes, 0);
      if (littleEndian) {
        // Typed-array copies are far faster than one writeDoubleLE per number.
        const doubles = new Float64Array(value as number[]);
        Buffer.from(doubles.buffer).copy(bytes, MAGIC.length);
      } else {
        for (let i = 0; i < value.length; i++) {
          bytes.writeDoubleLE(value[i] as number, MAGIC.length + i * 8);
        }
      }
      return new Binary(bytes, PACKED_SUBTYPE);
    }
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const packed = pack(value[i]);
      if (packed === value[i]) continue;
      out ??= value.slice();
      out[i] = packed;
    }
    return out ?? value;
  }
  if (isPlainObject(value)) {
    let out: Document | undefined;
    for (const key of Object.keys(value)) {
      const packed = pack(value[key]);
      if (packed === value[key]) continue;
      out ??= { ...value };
      out[key] = packed;
    }
    return out ?? value;
  }
  return value;
}

function unpack(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unpack(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = unpack(value[key]);
    return value;
  }
  if (value instanceof Binary && value.sub_type === PACKED_SUBTYPE) {
    const bytes = Buffer.from(
      value.buffer.buffer,
      value.buffer.byteOffset,
      value.buffer.byteLength,
    );
    if (bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      const n = (bytes.length - MAGIC.length) / 8;
      if (littleEndian) {
        const doubles = new Float64Array(n);
        Buffer.from(doubles.buffer).set(bytes.subarray(MAGIC.length));
        return Array.from(doubles);
      }
      const out = new Array<number>(n);
      for (let i = 0; i < n; i++) out[i] = bytes.readDoubleLE(MAGIC.length + i * 8);
      return out;
    }
  }
  return value;
}

/** Encodes records into one frame. */
export function encodeFrame(records: Document[]): Buffer {
  const parts = records.map((r) => serialize(pack(r) as Document));
  const payload = Buffer.concat(parts);
  const header = Buffer.allocUnsafe(FRAME_HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32c(payload), 4);
  return Buffer.concat([header, payload]);
}

/** The records of a file's valid frames, and the byte offset where validity ends. */
export function decodeFrames(file: Buffer): { records: Document[][]; validBytes: number } {
  const records: Document[][] = [];
  let offset = 0;
  while (offset + FRAME_HEADER <= file.length) {
    const length = file.readUInt32LE(offset);
    const end = offset + FRAME_HEADER + length;
    if (end > file.length) break;
    const payload = file.subarray(offset + FRAME_HEADER, end);
    if (crc32c(payload) !== file.readUInt32LE(offset + 4)) break;
    const batch: Document[] = [];
    let at = 0;
    while (at < payload.length) {
      const size = payload.readInt32LE(at);
      batch.push(unpack(deserialize(payload.subarray(at, at + size), decodeOptions)) as Document);
      at += size;
    }
    records.push(batch);
    offset = end;
  }
  return { records, validBytes: offset };
}
