import { type FileHandle, open } from 'node:fs/promises';
import type { Document } from 'bson';
import { encodeFrame } from './frames';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The append-only journal with group commit. Commands record entries
 * synchronously as they change memory; `flush()` resolves once everything
 * recorded before it is written and fdatasync'ed. While one write is in
 * flight, entries from other connections collect into the next frame, so
 * one fsync acknowledges many writes. A frame never splits a command: every
 * entry of a command is recorded before the command yields.
 */
export class Journal {
  private pending: Document[] = [];
  private waiters: Waiter[] = [];
  private writing = false;
  private nextHandle: { handle: FileHandle; swapped(previous: FileHandle): void } | undefined;
  private failure: unknown;
  /** Bytes written to the current file. */
  bytes: number;

  private constructor(
    private handle: FileHandle,
    initialBytes: number,
    private readonly durable: boolean,
  ) {
    this.bytes = initialBytes;
  }

  /**
   * Opens (or creates) a journal file for appending. With `durable: false`
   * frames are written but not fsync'ed: fast for tests, not crash-safe.
   */
  static async open(path: string, durable = true): Promise<Journal> {
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    return new Journal(handle, size, durable);
  }

  /** Records an entry; it becomes durable with the next flush. */
  record(entry: Document): void {
    this.pending.push(entry);
  }

  /** True when entries wait for a flush or a write is in flight. */
  get busy(): boolean {
    return this.pending.length > 0 || this.writing;
  }

  /** Resolves when every entry recorded so far is on disk. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  /**
   * Continues in a new file. Frames already written or in flight stay in the
   * old one; the swap happens between two writes, so no frame is split.
   */
  async switchTo(path: string): Promise<void> {
    const next = await open(path, 'a');
    const previous = await new Promise<FileHandle>((resolve) => {
      this.nextHandle = { handle: next, swapped: resolve };
      this.kick();
    });
    await previous.close();
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  private kick(): void {
    if (this.writing) return;
    if (this.nextHandle) {
      const { handle, swapped } = this.nextHandle;
      this.nextHandle = undefined;
      swapped(this.handle);
      this.handle = handle;
      this.bytes = 0;
    }
    const waiters = this.waiters;
    this.waiters = [];
    if (this.pending.length === 0) {
      for (const w of waiters) w.resolve();
      return;
    }
    const frame = encodeFrame(this.pending);
    this.pending = [];
    this.writing = true;
    const handle = this.handle;
    void (async () => {
      try {
        await handle.write(frame);
        if (this.durable) await handle.datasync();
        this.bytes += frame.length;
        for (const w of waiters) w.resolve();
      } catch (error) {
        // A failed write leaves memory ahead of disk: refuse every later write.
        this.failure = error;
        for (const w of [...waiters, ...this.waiters]) w.reject(error);
        this.waiters = [];
      } finally {
        this.writing = false;
        if ((this.waiters.length || this.nextHandle) && !this.failure) this.kick();
      }
    })();
  }
}
