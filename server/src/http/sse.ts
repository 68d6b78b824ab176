import type { Response } from 'express';

/** One server-sent event as Parley writes it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * Writes a `text/event-stream` response. Keeps proxies from buffering
 * (`X-Accel-Buffering: no`) and sends comment heartbeats so idle
 * connections are not cut while a model thinks.
 */
export class SseWriter {
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly res: Response,
    heartbeatMs = 15_000,
  ) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.comment('heartbeat'), heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.stop());
  }

  /** True once the client went away or the stream was ended. */
  get isClosed(): boolean {
    return this.closed || this.res.writableEnded || this.res.destroyed;
  }

  /** Sends one event; returns false when the client is gone. */
  send(event: SseEvent): boolean {
    if (this.isClosed) return false;
    let frame = '';
    if (event.id !== undefined) frame += `id: ${event.id}\n`;
    frame += `event: ${event.event}\n`;
    // JSON never contains a raw newline, so one data line is always enough.
    frame += `data: ${JSON.stringify(event.data)}\n\n`;
    this.res.write(frame);
    return true;
  }

  /** Sends an SSE comment line, ignored by clients; keeps the connection warm. */
  comment(text: string): void {
    if (!this.isClosed) this.res.write(`: ${text}\n\n`);
  }

  /** Ends the stream. */
  end(): void {
    this.stop();
    if (!this.res.writableEnded) this.res.end();
  }

  private stop(): void {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
