import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** Who saved a theme revision (from the admin context; never a secret). */
export interface ThemeAuthor {
  type: 'user' | 'secret-key' | 'system';
  id: string | null;
  label: string;
}

/**
 * One saved revision of a tenant's theme. Revisions count up from 1 per
 * tenant and are never changed: a restore saves a new revision that copies
 * an old one. The current theme also lives on the tenant document
 * (`tenant.theme`), so serving the widget needs no extra query.
 */
export interface ThemeVersion {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  revision: number;
  /** The validated theme document (theme-kit schema version 1). */
  theme: Record<string, unknown>;
  author: ThemeAuthor;
  /** Set when this revision restored an older one. */
  restoredFrom: number | null;
  createdAt: Date;
}

/** The `themeVersions` collection's schema. */
export const themeVersionSchema = new Schema<ThemeVersion>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    revision: { type: Number, required: true, min: 1 },
    theme: { type: Schema.Types.Mixed, required: true },
    author: {
      type: { type: String, required: true, enum: ['user', 'secret-key', 'system'] },
      id: { type: String, default: null },
      label: { type: String, default: '' },
    },
    restoredFrom: { type: Number, default: null },
  },
  {
    collection: 'themeVersions',
    timestamps: { createdAt: true, updatedAt: false },
    minimize: false,
  },
);
// One row per revision per tenant: a second writer with the same number fails instead of forking history.
themeVersionSchema.index({ tenantId: 1, revision: -1 }, { unique: true });

/** The ThemeVersion model on a connection. */
export function themeVersionModel(connection: Connection): Model<ThemeVersion> {
  return (
    (connection.models.ThemeVersion as Model<ThemeVersion> | undefined) ??
    connection.model<ThemeVersion>('ThemeVersion', themeVersionSchema)
  );
}
