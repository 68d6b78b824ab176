import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { ImageType } from '../services/theme/image-sniff';

/**
 * An uploaded logo or avatar. Stored in MongoDB (images are small; every
 * server instance can serve them) under the SHA-256 of the stored bytes, so
 * its URL never changes meaning and can be cached forever.
 */
export interface Asset {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  /** Hex SHA-256 of `data`. */
  hash: string;
  type: ImageType;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  data: Buffer;
  /** Who uploaded it (email or key prefix), for the console. */
  uploadedBy: string;
  createdAt: Date;
}

/** The `assets` collection's schema. */
export const assetSchema = new Schema<Asset>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    hash: { type: String, required: true, match: /^[a-f0-9]{64}$/ },
    type: { type: String, required: true, enum: ['png', 'jpg', 'webp', 'svg'] },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    data: { type: Buffer, required: true },
    uploadedBy: { type: String, default: '' },
  },
  { collection: 'assets', timestamps: { createdAt: true, updatedAt: false } },
);
// The same image uploaded twice by one tenant is one asset.
assetSchema.index({ tenantId: 1, hash: 1 }, { unique: true });

/** The Asset model on a connection. */
export function assetModel(connection: Connection): Model<Asset> {
  return (
    (connection.models.Asset as Model<Asset> | undefined) ??
    connection.model<Asset>('Asset', assetSchema)
  );
}
