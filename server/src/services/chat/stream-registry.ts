import type { Logger } from '../../logger';
import type { BufferedEvent } from '../../models/stream-buffer';
import { RemoteStream } from './remote-stream';
import type { PendingWrite, StreamBufferStore, StreamKey } from './stream-buffer-store';
import { type EventWriter, StreamRun, terminalEvents } from './stream-run';

/** Timing of the stream machinery, in ms. */
export interface StreamTimings {
  /** How often new events are written to the buffers. */
  flushMs: number;
  /** How often stop and reader flags set by other instances are read. */
  pollMs: number;
  /** How long a run with no reader waits for a resume before its model call is aborted. */
  graceMs: number;
  /** Longest gap between two writes of a live run, so readers elsewhere know it is alive. */
  heartbeatMs: number;
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
  heartbeatMs: 2000,
  lostAfterMs: 15_000,
  tailMs: 200,
};

/** Something a reader can follow from a sequence number: a local run or another instance's. */
export interface StreamSource {
  pipe(afterSeq: number, write: EventWriter, gone: AbortSignal): Promise<void>;
}

/**
 * This instance's live answer streams. Writes their events to MongoDB in
 * batches, watches for stop requests and readers on other instances, and
 * aborts a run's model call when it is stopped or nobody has read it for
 * `graceMs`. Resumes go to the local run when it lives here, else to the
 * stored buffer.
 */
export class StreamRegistry {
  private readonly runs = new Map<string, StreamRun>();
  private readonly pending = new Map<StreamRun, PendingWrite>();
  private readonly lastWrite = new Map<StreamRun, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastPoll = 0;
  readonly timings: StreamTimings;

  constructor(
    private readonly store: StreamBufferStore,
    private readonly logger: Logger,
    timings: Partial<StreamTimings> = {},
  ) {
    this.timings = { ...defaultTimings, ...timings };
  }

  /** Starts a run; its events are buffered from the first one. */
  create(key: StreamKey): StreamRun {
    const run = new StreamRun(
      key.messageId,
      key.tenantId,
      key.conversationId,
      key.owner,
      (r, event) => this.onEvent(r, event),
      (r) => this.onDetached(r),
    );
    run.detachedAt = Date.now();
    this.runs.set(key.messageId, run);
    this.lastWrite.set(run, Date.now());
    this.timer ??= setInterval(() => void this.tick(), this.timings.flushMs).unref();
    return run;
  }

  /** Live runs on this instance. */
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
    if (run && run.tenantId === tenantId && run.owner === owner && !run.ended) {
      run.abort('stopped');
      return true;
    }
    return this.store.requestStop(tenantId, messageId, owner);
  }

  /** Writes what is pending and stops the timer (server shutdown, tests). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
  }

  private onEvent(run: StreamRun, event: BufferedEvent): void {
    let write = this.pending.get(run);
    if (!write) {
      write = { key: run, events: [], ended: false };
      this.pending.set(run, write);
    }
    write.events.push(event);
    if (terminalEvents.has(event.event)) {
      write.ended = true;
      // The end of a stream is written at once: resumes elsewhere wait for it.
      void this.tick(true);
    }
  }

  private onDetached(run: StreamRun): void {
    if (this.timings.graceMs === 0) run.abort('aborted');
  }

  private async tick(flushOnly = false): Promise<void> {
    if (this.flushing) return;
    this.flushing = (async () => {
      await this.flush();
      const now = Date.now();
      if (!flushOnly && now - this.lastPoll >= this.timings.pollMs) {
        this.lastPoll = now;
        await this.poll(now);
      }
    })()
      .catch((error) => this.logger.warn({ err: error }, 'stream buffer sync failed'))
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const now = Date.now();
    for (const run of this.runs.values()) {
      // A live run that has been quiet still writes a heartbeat.
      if (
        !this.pending.has(run) &&
        now - (this.lastWrite.get(run) ?? 0) >= this.timings.heartbeatMs
      )
        this.pending.set(run, { key: run, events: [], ended: false });
    }
    if (this.pending.size === 0) return;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    try {
      await this.store.write(batch.map(([, write]) => write));
    } catch (error) {
      // Put the events back in front of newer ones; the next tick retries.
      for (const [run, write] of batch) {
        const newer = this.pending.get(run);
        if (newer) write.events.push(...newer.events);
        write.ended ||= newer?.ended ?? false;
        this.pending.set(run, write);
      }
      throw error;
    }
    for (const [run, write] of batch) {
      this.lastWrite.set(run, now);
      if (write.ended) this.forget(run);
    }
  }

  /** Applies stop requests and reader presence recorded by other instances. */
  private async poll(now: number): Promise<void> {
    const live = [...this.runs.values()].filter((run) => !run.ended);
    if (live.length === 0) return;
    const flags = await this.store.flags(live);
    for (const run of live) {
      const flag = flags.get(run.messageId);
      if (flag?.stopRequestedAt) run.abort('stopped');
      else if (run.readerCount === 0 && run.detachedAt !== undefined) {
        const readerElsewhere =
          flag?.readerSeenAt && now - flag.readerSeenAt.getTime() < this.timings.graceMs;
        if (!readerElsewhere && now - run.detachedAt >= this.timings.graceMs) run.abort('aborted');
      }
    }
  }

  private forget(run: StreamRun): void {
    this.runs.delete(run.messageId);
    this.lastWrite.delete(run);
    if (this.runs.size === 0 && this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
