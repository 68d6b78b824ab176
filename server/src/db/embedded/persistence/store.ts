import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from 'bson';
import { Catalog } from '../engine/catalog';
import { decodeFrames } from './frames';
import { Journal } from './journal';
import { lockDataDir } from './lock';
import { applyEntry } from './replay';
import { captureSnapshot, syncDir, writeSnapshot } from './snapshot';

/** Options for {@link PersistentStore.open}. */
export interface PersistenceOptions {
  /** Journal bytes after which a snapshot compacts it (default 64 MiB or the last snapshot's size). */
  compactAfterBytes?: number;
  /**
   * fsync each acknowledged batch (default true). False keeps writing the
   * journal without fsync: for tests, where speed matters and crashes do not.
   */
  durable?: boolean;
}

const name = (kind: 'journal' | 'snapshot', gen: number) =>
  `${kind}-${String(gen).padStart(6, '0')}.${kind === 'journal' ? 'log' : 'bson'}`;

function generations(dir: string, kind: 'journal' | 'snapshot'): number[] {
  const pattern = new RegExp(`^${kind}-(\\d+)\\.(log|bson)$`);
  return readdirSync(dir)
    .map((f) => pattern.exec(f)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Thrown when a journal other than the newest is damaged: recovery cannot be trusted. */
export class CorruptDataError extends Error {
  override name = 'CorruptDataError';
}

/**
 * A catalogue persisted in a data directory: snapshot-N.bson holds the whole
 * state as of generation N, journal-N.log (and later) every change since.
 * Recovery loads the newest complete snapshot and replays the journals,
 * cutting a torn last frame off the newest journal.
 */
export class PersistentStore {
  readonly catalog: Catalog;
  private journal!: Journal;
  private gen = 1;
  private snapshotBytes = 0;
  private compaction: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    private readonly release: () => void,
    private readonly options: PersistenceOptions,
  ) {
    this.catalog = new Catalog((entry) => this.journal.record(entry as Document));
  }

  /** Locks the directory, recovers its state and opens the journal. */
  static async open(dir: string, options: PersistenceOptions = {}): Promise<PersistentStore> {
    const release = lockDataDir(dir);
    try {
      const store = new PersistentStore(dir, release, options);
      store.recover();
      store.journal = await Journal.open(
        join(dir, name('journal', store.gen)),
        options.durable ?? true,
      );
      return store;
    } catch (error) {
      release();
      throw error;
    }
  }

  private recover(): void {
    for (const file of readdirSync(this.dir))
      if (file.endsWith('.tmp')) rmSync(join(this.dir, file));
    let base = 0;
    for (const gen of generations(this.dir, 'snapshot').reverse()) {
      const path = join(this.dir, name('snapshot', gen));
      const file = readFileSync(path);
      const { records, validBytes } = decodeFrames(file);
      const last = records.at(-1)?.at(-1);
      if (validBytes !== file.length || last?.op !== 'end') continue;
      for (const batch of records)
        for (const entry of batch) if (entry.op !== 'end') applyEntry(this.catalog, entry);
      base = gen;
      this.snapshotBytes = file.length;
      break;
    }
    const journals = generations(this.dir, 'journal').filter((g) => g >= base);
    journals.forEach((gen, i) => {
      const path = join(this.dir, name('journal', gen));
      const file = readFileSync(path);
      const { records, validBytes } = decodeFrames(file);
      if (validBytes < file.length) {
        if (i !== journals.length - 1) {
          throw new CorruptDataError(
            `${path} is damaged at byte ${validBytes}; refusing to start on partial data`,
          );
        }
        // A torn tail: the write that was in flight when the process died was never acknowledged.
        truncateSync(path, validBytes);
      }
      for (const batch of records) for (const entry of batch) applyEntry(this.catalog, entry);
    });
    this.gen = Math.max(base, journals.at(-1) ?? 0, 1);
    this.removeBefore(base);
  }

  private removeBefore(gen: number): void {
    for (const kind of ['journal', 'snapshot'] as const) {
      for (const g of generations(this.dir, kind))
        if (g < gen) rmSync(join(this.dir, name(kind, g)), { force: true });
    }
  }

  /** Resolves when every change so far is durable; may start a compaction afterwards. */
  async flush(): Promise<void> {
    await this.journal.flush();
    const threshold =
      this.options.compactAfterBytes ?? Math.max(64 * 1024 * 1024, this.snapshotBytes);
    if (!this.compaction && this.journal.bytes > threshold) {
      this.compaction = this.compact().finally(() => {
        this.compaction = undefined;
      });
    }
  }

  /**
   * Writes a snapshot of the current state and drops the journals it covers.
   * New writes go to the next journal while the snapshot is written.
   */
  async compact(): Promise<void> {
    const gen = this.gen + 1;
    await this.journal.switchTo(join(this.dir, name('journal', gen)));
    this.gen = gen;
    // Every change in the older journals is in memory now; later ones are in the new
    // journal too, where replaying them over the snapshot is harmless (idempotent).
    const entries = captureSnapshot(this.catalog);
    await syncDir(this.dir);
    this.snapshotBytes = await writeSnapshot(
      join(this.dir, name('snapshot', gen)),
      this.dir,
      entries,
    );
    this.removeBefore(gen);
  }

  /** Flushes, waits for a running compaction and releases the directory. */
  async close(): Promise<void> {
    try {
      await this.compaction;
      await this.journal.close();
    } finally {
      this.release();
    }
  }

  /** Size of the files in the data directory (diagnostics). */
  diskBytes(): number {
    if (!existsSync(this.dir)) return 0;
    return readdirSync(this.dir).reduce((n, f) => n + statSync(join(this.dir, f)).size, 0);
  }
}
