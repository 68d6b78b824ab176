import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** One file of an ingestion job. */
export interface IngestJobItem {
  documentId: Types.ObjectId | null;
  filename: string;
  status: 'queued' | 'processing' | 'ready' | 'failed' | 'unchanged';
  /** 0…1 within this file. */
  progress: number;
  error: { code: string; message: string } | null;
}

/**
 * A batch of files being ingested (an upload, a CLI run, a re-index).
 * Progress lives here, in the database, so any server instance can stream
 * it to the console; finished jobs expire after a week.
 */
export interface IngestJob {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  kind: 'upload' | 'reindex';
  status: 'queued' | 'running' | 'done';
  items: IngestJobItem[];
  total: number;
  done: number;
  failed: number;
  /**
   * Refreshed every few seconds by the process holding the job while it is
   * queued or running; a stale one means that process is gone (`JobLease`).
   */
  heartbeatAt: Date | null;
  /** Why the job ended before its files did (`PARLEY_INGEST_INTERRUPTED`), else null. */
  error: { code: string; message: string } | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The `ingestJobs` collection's schema. */
export const ingestJobSchema = new Schema<IngestJob>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, required: true, enum: ['upload', 'reindex'] },
    status: { type: String, required: true, enum: ['queued', 'running', 'done'] },
    items: [
      {
        _id: false,
        documentId: { type: Schema.Types.ObjectId, default: null },
        filename: { type: String, required: true },
        status: {
          type: String,
          required: true,
          enum: ['queued', 'processing', 'ready', 'failed', 'unchanged'],
        },
        progress: { type: Number, default: 0 },
        error: {
          type: new Schema({ code: String, message: String }, { _id: false }),
          default: null,
        },
      },
    ],
    total: { type: Number, required: true },
    done: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    heartbeatAt: { type: Date, default: null },
    error: {
      type: new Schema({ code: String, message: String }, { _id: false }),
      default: null,
    },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'ingestJobs', timestamps: true, minimize: false },
);
ingestJobSchema.index({ finishedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });
// The sweep for jobs whose process died looks for open jobs by heartbeat.
ingestJobSchema.index({ status: 1, heartbeatAt: 1 });

/** The IngestJob model on a connection. */
export function ingestJobModel(connection: Connection): Model<IngestJob> {
  return (
    (connection.models.IngestJob as Model<IngestJob> | undefined) ??
    connection.model<IngestJob>('IngestJob', ingestJobSchema)
  );
}
