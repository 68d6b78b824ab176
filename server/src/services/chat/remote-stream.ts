import { setTimeout as sleep } from 'node:timers/promises';
import { errorCatalogue } from '../../errors';
import type { StoredStream } from './stream-buffer-store';
import type { EventWriter } from './stream-run';

/**
 * A stream generated on another instance, followed through its stored
 * buffer: replays what is stored after the reader's sequence number, then
 * polls for more until `done`/`error`. Each poll also tells the generating
 * instance that a reader is attached, so it does not abort the model call.
 * When the writer stops heartbeating (its instance died) the reader gets
 * `PARLEY_CHAT_STREAM_LOST` instead of waiting forever.
 */
export class RemoteStream {
  constructor(
    private first: StoredStream,
    private readonly reload: () => Promise<StoredStream | null>,
    private readonly timings: { tailMs: number; lostAfterMs: number },
  ) {}

  async pipe(afterSeq: number, write: EventWriter, gone: AbortSignal): Promise<void> {
    let stream: StoredStream | null = this.first;
    let last = afterSeq;
    // The writer refreshes its heartbeat only once it knows a reader follows
    // it, so silence counts from when this reader started watching.
    const watching = Date.now();
    while (stream && !gone.aborted) {
      for (const event of stream.events) {
        if (event.seq <= last) continue;
        if (!write(event)) return;
        last = event.seq;
      }
      if (stream.ended) return;
      const heartbeat = Math.max(watching, new Date(stream.heartbeatAt).getTime());
      if (Date.now() - heartbeat > this.timings.lostAfterMs) break;
      try {
        await sleep(this.timings.tailMs, undefined, { signal: gone });
      } catch {
        return; // the reader left
      }
      stream = await this.reload();
    }
    if (gone.aborted) return;
    const { message } = errorCatalogue.PARLEY_CHAT_STREAM_LOST;
    write({
      seq: last + 1,
      event: 'error',
      data: { code: 'PARLEY_CHAT_STREAM_LOST', message },
    });
  }
}
