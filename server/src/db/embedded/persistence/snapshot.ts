import { open, rename } from 'node:fs/promises';
import type { Document } from 'bson';
import type { Catalog } from '../engine/catalog';
import { encodeFrame } from './frames';

/** Documents per snapshot frame, and the bytes after which a frame is cut early. */
const FRAME_DOCS = 1000;
const FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Captures the whole catalogue as snapshot entries. Synchronous and cheap:
 * documents are immutable, so the captured references stay consistent while
 * the snapshot is written in the background.
 */
export function captureSnapshot(catalog: Catalog): Document[] {
  const entries: Document[] = [];
  for (const db of catalog.databaseNames()) {
    for (const collection of catalog.collections(db)) {
      const ns = collection.ns;
      entries.push({ op: 'create', ns, options: collection.options });
      for (const index of collection.indexes.values())
        entries.push({ op: 'index', ns, spec: index.spec });
      for (const { spec } of collection.searchIndexes.values())
        entries.push({ op: 'searchIndex', ns, spec });
      for (const doc of collection.docs.values()) entries.push({ op: 'put', ns, doc });
    }
  }
  return entries;
}

/**
 * Writes entries to `path` atomically: frames into `path.tmp`, a closing
 * `end` entry, fsync, rename, directory fsync. A snapshot without its `end`
 * entry is incomplete and ignored by recovery. Yields between frames so the
 * store keeps serving while a large snapshot is written.
 */
export async function writeSnapshot(
  path: string,
  dir: string,
  entries: Document[],
): Promise<number> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  let bytes = 0;
  try {
    let batch: Document[] = [];
    let batchBytes = 0;
    const write = async () => {
      const frame = encodeFrame(batch);
      await handle.write(frame);
      bytes += frame.length;
      batch = [];
      batchBytes = 0;
    };
    for (const entry of entries) {
      batch.push(entry);
      batchBytes += entry.op === 'put' ? 1024 : 128;
      if (batch.length >= FRAME_DOCS || batchBytes >= FRAME_BYTES) await write();
    }
    batch.push({ op: 'end', count: entries.length });
    await write();
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDir(dir);
  return bytes;
}

/** fsyncs a directory so a rename or a new file survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
