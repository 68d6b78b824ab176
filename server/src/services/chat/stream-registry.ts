import type { Logger } from '../../logger';
import { RemoteStream } from './remote-stream';
import type { PendingWrite, StreamBufferStore, StreamKey } from './stream-buffer-store';
import { type AbortCause, type EventWriter, StreamRun } from './stream-run';

/** Timing of the stream machinery, in ms. */
export interface StreamTimings {
  /** How often buffers are written (new, ended, and followed-elsewhere streams). */
  flushMs: number;
  /** How often stop and reader flags set by other instances are read. */
  pollMs: number;
  /** How long a run with no reader waits for a resume before its model call is aborted. */
  graceMs: number;
  /** A resumed stream whose writer was silent this long is reported lost. */
  lostAfterMs: number;
  /** How often a reader on another instance polls the buffer. */
  tailMs: number;
}

/** Defaults: tokens reach the buffer within 100 ms; a tab closed for 5 s stops its answer. */
export const defaultTimings: StreamTimings = {
  flushMs: 100,
  pollMs: 500,
  graceMs: 5000,
  lostAfterMs: 15_000,
  tailMs: 200,
};

/** Something a reader can follow from a sequence number: a local run or another instance's. */
export interface StreamSource {
  pipe(afterSeq: number, write: EventWriter, gone: AbortSignal): Promise<void>;
}

/** What this instance has written of a run. */
interface RunState {
  /** The buffer document exists. */
  created: boolean;
  /** Events already stored. */
  written: number;
  /** A reader on another instance follows it: write its events every tick. */
  shared: boolean;
}

/**
 * This instance's live answer streams. Creates each stream's buffer when
 * it starts and writes its events when it ends, all in one batched write
 * per tick; while a stream runs, its events go to the database only once a
 * reader on another instance follows it. Polls stop requests and remote
 * readers with one query per tick, and aborts a run's model call when it
 * is stopped or nobody has read it for `graceMs`. Resumes go to the local
 * run when it lives here, else to the stored buffer.
 */
export class StreamRegistry {
  private readonly runs = new Map<string, StreamRun>();
  private readonly state = new Map<StreamRun, RunState>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private lastPoll = 0;
  readonly timings: StreamTimings;

  constructor(
    private readonly store: StreamBufferStore,
    private readonly logger: Logger,
    timings: Partial<StreamTimings> = {},
  ) {
    this.timings = { ...defaultTimings, ...timings };
  }

  /** Starts a run; its buffer is created on the next tick. */
  create(key: StreamKey): StreamRun {
    const run = new StreamRun(key.messageId, key.tenantId, key.conversationId, key.owner, (r) =>
      this.onDetached(r),
    );
    run.detachedAt = Date.now();
    this.runs.set(key.messageId, run);
    this.state.set(run, { created: false, written: 0, shared: false });
    this.timer ??= setInterval(() => void this.tick(), this.timings.flushMs).unref();
    return run;
  }

  /** Runs on this instance not yet fully written. */
  get size(): number {
    return this.runs.size;
  }

  /** A stream to resume, local or stored; undefined when unknown, expired or not the owner's. */
  async open(
    tenantId: string,
    messageId: string,
    owner: string,
  ): Promise<StreamSource | undefined> {
    const run = this.runs.get(messageId);
    if (run) return run.tenantId === tenantId && run.owner === owner ? run : undefined;
    const stored = await this.store.readForResume(tenantId, messageId, owner);
    if (!stored) return undefined;
    return new RemoteStream(stored, () => this.store.readForResume(tenantId, messageId, owner), {
      tailMs: this.timings.tailMs,
      lostAfterMs: this.timings.lostAfterMs,
    });
  }

  /** Stops a stream wherever it runs; false when it is unknown, over or not the owner's. */
  async requestStop(tenantId: string, messageId: string, owner: string): Promise<boolean> {
    const run = this.runs.get(messageId);
    if (run && run.tenantId === tenantId && run.owner === owner) {
      // An ended run may not be written yet: this instance knows better than the database.
      if (run.ended) return false;
      run.abort('stopped');
      return true;
    }
    return this.store.requestStop(tenantId, messageId, owner);
  }

  /** Aborts every run still producing on this instance (shutdown); each then ends with `done`. */
  abortAll(cause: AbortCause): void {
    for (const run of this.runs.values()) run.abort(cause);
  }

  /** Writes what is pending and stops the timer (server shutdown, tests). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.syncing;
    await this.write();
  }

  private onDetached(run: StreamRun): void {
    if (this.timings.graceMs === 0) run.abort('aborted');
  }

  private async tick(): Promise<void> {
    if (this.syncing) return;
    this.syncing = (async () => {
      await this.write();
      const now = Date.now();
      if (now - this.lastPoll >= this.timings.pollMs) {
        this.lastPoll = now;
        await this.poll(now);
      }
    })()
      .catch((error) => this.logger.warn({ err: error }, 'stream buffer sync failed'))
      .finally(() => {
        this.syncing = undefined;
      });
    await this.syncing;
  }

  /** One batched write: new buffers, ended streams and streams followed elsewhere. */
  private async write(): Promise<void> {
    const batch: { run: StreamRun; write: PendingWrite; count: number }[] = [];
    for (const run of this.runs.values()) {
      const state = this.state.get(run)!;
      if (state.created && !state.shared && !run.ended) continue;
      const events = run.events.slice(state.written);
      batch.push({ run, write: { key: run, events, ended: run.ended }, count: run.events.length });
    }
    if (batch.length === 0) {
      if (this.runs.size === 0) this.stopTimer();
      return;
    }
    // On failure nothing is marked written, so the next tick retries the same events.
    await this.store.write(batch.map((b) => b.write));
    for (const { run, write, count } of batch) {
      const state = this.state.get(run)!;
      state.created = true;
      state.written = count;
      if (write.ended) {
        this.runs.delete(run.messageId);
        this.state.delete(run);
      }
    }
  }

  /** Applies stop requests and reader presence recorded by other instances. */
  private async poll(now: number): Promise<void> {
    const live = [...this.runs.values()].filter(
      (run) => !run.ended && this.state.get(run)!.created,
    );
    if (live.length === 0) return;
    const flags = await this.store.flags(live);
    for (const run of live) {
      const flag = flags.get(run.messageId);
      const readerElsewhere =
        flag?.readerSeenAt !== undefined &&
        now - flag.readerSeenAt.getTime() < this.timings.graceMs;
      if (readerElsewhere) this.state.get(run)!.shared = true;
      if (flag?.stopRequestedAt) run.abort('stopped');
      else if (run.readerCount === 0 && run.detachedAt !== undefined && !readerElsewhere) {
        if (now - run.detachedAt >= this.timings.graceMs) run.abort('aborted');
      }
    }
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
