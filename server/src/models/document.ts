import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** Where a document is in its life: uploaded, being indexed, searchable, or refused. */
export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed';

/** A file in a tenant's knowledge base. Its passages live in `chunks` (see the vector store). */
export interface KnowledgeDocument {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  title: string;
  /** Where it came from: the uploaded file name, or a path given to the CLI. */
  source: string;
  /** A public address readers can follow from a citation, if any. */
  url: string | null;
  format: string | null;
  mimeType: string | null;
  bytes: number;
  /** SHA-256 of the file; the same file uploaded again replaces this document. */
  checksum: string;
  status: DocumentStatus;
  /** 0…1 while processing. */
  progress: number;
  chunkCount: number;
  /** The embedder its vectors were made with. */
  embedder: string | null;
  error: { code: string; message: string } | null;
  /** The GridFS id of the original file, kept for re-indexing. */
  fileId: Types.ObjectId | null;
  jobId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The `documents` collection's schema. */
export const documentSchema = new Schema<KnowledgeDocument>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, maxlength: 300 },
    source: { type: String, required: true, maxlength: 500 },
    url: { type: String, default: null },
    format: { type: String, default: null },
    mimeType: { type: String, default: null },
    bytes: { type: Number, required: true, min: 0 },
    checksum: { type: String, required: true },
    status: { type: String, required: true, enum: ['queued', 'processing', 'ready', 'failed'] },
    progress: { type: Number, default: 0 },
    chunkCount: { type: Number, default: 0 },
    embedder: { type: String, default: null },
    error: { type: new Schema({ code: String, message: String }, { _id: false }), default: null },
    fileId: { type: Schema.Types.ObjectId, default: null },
    jobId: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'documents', timestamps: true, minimize: false },
);
documentSchema.index({ tenantId: 1, checksum: 1 });
documentSchema.index({ tenantId: 1, source: 1 });
documentSchema.index({ tenantId: 1, createdAt: -1 });

/** The Document model on a connection. */
export function documentModel(connection: Connection): Model<KnowledgeDocument> {
  return (
    (connection.models.KnowledgeDocument as Model<KnowledgeDocument> | undefined) ??
    connection.model<KnowledgeDocument>('KnowledgeDocument', documentSchema)
  );
}
