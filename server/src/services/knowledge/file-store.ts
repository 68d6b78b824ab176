import { Readable } from 'node:stream';
import { GridFSBucket, type ObjectId } from 'mongodb';
import type { Connection, Types } from 'mongoose';

/**
 * Original uploaded files, kept in GridFS (bucket `documentFiles`) so a
 * document can be re-indexed later (a new chunker or embedder) on any
 * server instance, without the uploader sending it again.
 */
export class FileStore {
  private readonly bucket: GridFSBucket;

  constructor(connection: Connection) {
    // biome-ignore lint/suspicious/noExplicitAny: mongoose's Db is the driver's Db (one pinned driver).
    this.bucket = new GridFSBucket(connection.db as any, { bucketName: 'documentFiles' });
  }

  /** Stores a file and returns its id. */
  async save(
    tenantId: Types.ObjectId,
    filename: string,
    data: Uint8Array,
  ): Promise<Types.ObjectId> {
    const upload = this.bucket.openUploadStream(filename, { metadata: { tenantId } });
    await new Promise<void>((resolve, reject) => {
      Readable.from([Buffer.from(data)])
        .pipe(upload)
        .on('finish', () => resolve())
        .on('error', reject);
    });
    return upload.id as unknown as Types.ObjectId;
  }

  /** Reads a stored file, checking it belongs to the tenant. */
  async read(tenantId: Types.ObjectId, id: Types.ObjectId): Promise<Uint8Array | undefined> {
    const [file] = await this.bucket
      .find({ _id: id as unknown as ObjectId, 'metadata.tenantId': tenantId })
      .toArray();
    if (!file) return undefined;
    const parts: Buffer[] = [];
    for await (const part of this.bucket.openDownloadStream(file._id)) parts.push(part as Buffer);
    return new Uint8Array(Buffer.concat(parts));
  }

  /** Deletes a stored file (missing files are fine). */
  async remove(id: Types.ObjectId): Promise<void> {
    await this.bucket.delete(id as unknown as ObjectId).catch(() => undefined);
  }
}
