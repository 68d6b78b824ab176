import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { KeyKind, KeyMode } from '../services/keys/key-format';

/**
 * An API key. Only the SHA-256 of the key is stored; `prefix` (its first 16
 * characters) finds the candidates and is what lists show. Publishable keys
 * also keep `value`, because they are public by design and the console shows
 * them in the embed snippet; secret keys never do.
 */
export interface ApiKey {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  kind: KeyKind;
  mode: KeyMode;
  name: string;
  prefix: string;
  hash: string;
  /** The full key, for publishable keys only. */
  value: string | null;
  /** Secret keys: permission names or `*`; empty for publishable keys. */
  scopes: string[];
  /** The user who created it; `null` for the CLI and the demo seed. */
  createdBy: Types.ObjectId | null;
  lastUsedAt: Date | null;
  /** Set on rotation (the grace period's end) or at creation; the key fails after it. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** On a rotated key: the key that replaced it. */
  replacedBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The `apiKeys` collection's schema. */
export const apiKeySchema = new Schema<ApiKey>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, required: true, enum: ['publishable', 'secret'] },
    mode: { type: String, required: true, enum: ['live', 'test'] },
    name: { type: String, default: '' },
    prefix: { type: String, required: true, index: true },
    hash: { type: String, required: true, unique: true },
    value: { type: String, default: null },
    scopes: { type: [String], default: [] },
    createdBy: { type: Schema.Types.ObjectId, default: null },
    lastUsedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    replacedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'apiKeys', timestamps: true },
);

/** The ApiKey model on a connection. */
export function apiKeyModel(connection: Connection): Model<ApiKey> {
  return (
    (connection.models.ApiKey as Model<ApiKey> | undefined) ??
    connection.model<ApiKey>('ApiKey', apiKeySchema)
  );
}
