import type { BufferedEvent } from '../../models/stream-buffer';

/** Events that end a stream. */
export const terminalEvents = new Set(['done', 'error']);

/** Why a run was cut short: a stop request, or no reader left. */
export type AbortCause = 'stopped' | 'aborted';

/** Receives the events of a run; returns false when the reader is gone. */
export type EventWriter = (event: BufferedEvent) => boolean;

/**
 * One answer being generated on this instance: the events sent so far (the
 * in-memory copy of its resume buffer), the readers attached to it and the
 * abort controller of the model call. Readers join at any sequence number
 * and get the missing events first, then live ones, so a same-instance
 * resume loses and repeats nothing.
 */
export class StreamRun {
  readonly events: BufferedEvent[] = [];
  readonly controller = new AbortController();
  /** Set once the run was aborted, so the pipeline reports the right finish reason. */
  abortCause: AbortCause | undefined;
  /** When the last reader left (ms since epoch); undefined while someone reads. */
  detachedAt: number | undefined;
  private readonly readers = new Set<{ write: EventWriter; end: () => void }>();

  constructor(
    readonly messageId: string,
    readonly tenantId: string,
    readonly conversationId: string,
    readonly owner: string,
    private readonly onDetached: (run: StreamRun) => void,
  ) {}

  /** The signal the model call listens to. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once `done` or `error` was emitted. */
  get ended(): boolean {
    const last = this.events.at(-1);
    return last !== undefined && terminalEvents.has(last.event);
  }

  /** How many readers on this instance are attached. */
  get readerCount(): number {
    return this.readers.size;
  }

  /** Appends an event and hands it to every reader. */
  emit(event: string, data: unknown): void {
    if (this.ended) return;
    const buffered: BufferedEvent = { seq: this.events.length, event, data };
    this.events.push(buffered);
    for (const reader of [...this.readers]) {
      if (!reader.write(buffered)) this.detach(reader);
    }
    if (this.ended) for (const reader of [...this.readers]) this.detach(reader);
  }

  /**
   * Attaches a reader from after `afterSeq` (-1 for the start). Resolves
   * when the run ended or the reader went away (`gone` aborts).
   */
  pipe(afterSeq: number, write: EventWriter, gone: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      for (const event of this.events.slice(afterSeq + 1)) {
        if (!write(event)) return resolve();
      }
      if (this.ended || gone.aborted) return resolve();
      const reader = { write, end: resolve };
      this.readers.add(reader);
      this.detachedAt = undefined;
      gone.addEventListener('abort', () => this.detach(reader), { once: true });
    });
  }

  /** Aborts the model call once; the pipeline then finishes the stream. */
  abort(cause: AbortCause): void {
    if (this.abortCause || this.ended) return;
    this.abortCause = cause;
    this.controller.abort(new Error(`answer ${cause}`));
  }

  private detach(reader: { write: EventWriter; end: () => void }): void {
    if (!this.readers.delete(reader)) return;
    reader.end();
    if (this.readers.size === 0 && !this.ended) {
      this.detachedAt = Date.now();
      this.onDetached(this);
    }
  }
}
