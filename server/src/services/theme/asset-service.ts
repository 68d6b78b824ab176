import { createHash } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { type Asset, assetModel } from '../../models/asset';
import { ImageSniffError, type ImageType, sniffImage } from './image-sniff';
import { sanitiseSvg } from './svg-sanitise';

/** Upload limits; the route enforces `maxBytes` while streaming, the service again. */
export const assetLimits = {
  /** Raster logos and avatars. */
  maxBytes: 1024 * 1024,
  /** SVG text (before sanitising). */
  maxSvgBytes: 256 * 1024,
  /** Longest side of a raster image, so no tiny file decodes to a huge bitmap. */
  maxPixels: 4096,
} as const;

/** What an upload returns: where the image lives and what it is. */
export interface AssetView {
  /** Server-relative path, as stored in a theme (`/assets/<tenant>/<sha256>.<ext>`). */
  path: string;
  type: ImageType;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  /** True when an SVG had unsafe or external parts removed. */
  sanitised: boolean;
}

/** The path of an asset (also what theme-kit's `assetPathPattern` accepts). */
export function assetPath(
  tenantId: Types.ObjectId | string,
  hash: string,
  type: ImageType,
): string {
  return `/assets/${String(tenantId)}/${hash}.${type}`;
}

/** Parses an asset path back into its parts; null when it is not one. */
export function parseAssetPath(
  path: string,
): { tenantId: string; hash: string; type: ImageType } | null {
  const match = /^\/assets\/([a-f0-9]{24})\/([a-f0-9]{64})\.(png|jpg|webp|svg)$/.exec(path);
  return match ? { tenantId: match[1]!, hash: match[2]!, type: match[3] as ImageType } : null;
}

/** Stores and serves tenants' logos and avatars, always within one tenant. */
export class AssetService {
  constructor(private readonly connection: Connection) {}

  private scope(tenantId: Types.ObjectId | string) {
    return tenantScope(assetModel(this.connection), tenantId);
  }

  /**
   * Checks an upload by content (type, size, dimensions), sanitises SVGs,
   * and stores it under its hash. Uploading the same bytes again returns
   * the existing asset.
   */
  async upload(tenantId: Types.ObjectId, bytes: Buffer, uploadedBy: string): Promise<AssetView> {
    if (bytes.length === 0)
      throw new ParleyError('PARLEY_ASSET_INVALID', { message: 'The file is empty.' });
    if (bytes.length > assetLimits.maxBytes) throw tooLarge();
    let sniffed: ReturnType<typeof sniffImage>;
    try {
      sniffed = sniffImage(bytes);
    } catch (error) {
      if (!(error instanceof ImageSniffError)) throw error;
      throw new ParleyError(
        error.reason === 'unsupported' ? 'PARLEY_ASSET_UNSUPPORTED_TYPE' : 'PARLEY_ASSET_INVALID',
        {
          message: error.message,
        },
      );
    }
    let data = bytes;
    let sanitised = false;
    if (sniffed.type === 'svg') {
      if (bytes.length > assetLimits.maxSvgBytes)
        throw tooLarge(`SVG files may be at most ${assetLimits.maxSvgBytes / 1024} KB.`);
      const clean = await sanitiseSvg(bytes.toString('utf8'));
      if (!clean)
        throw new ParleyError('PARLEY_ASSET_INVALID', {
          message: 'Nothing safe to show remained in this SVG.',
        });
      data = Buffer.from(clean.svg, 'utf8');
      sanitised = clean.changed;
    } else {
      const { width, height } = sniffed;
      if (!width || !height)
        throw new ParleyError('PARLEY_ASSET_INVALID', { message: 'The image has no size.' });
      if (width > assetLimits.maxPixels || height > assetLimits.maxPixels) {
        throw tooLarge(
          `Images may be at most ${assetLimits.maxPixels}×${assetLimits.maxPixels} pixels.`,
        );
      }
    }
    const hash = createHash('sha256').update(data).digest('hex');
    const fields = {
      hash,
      type: sniffed.type,
      contentType: sniffed.contentType,
      size: data.length,
      width: sniffed.width,
      height: sniffed.height,
    };
    const existing = await this.scope(tenantId).findOne({ hash }, { data: 0 }).lean();
    if (!existing) {
      try {
        await this.scope(tenantId).create({ ...fields, data, uploadedBy });
      } catch (error) {
        // A concurrent upload of the same bytes won the unique index: same asset, fine.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    return { path: assetPath(tenantId, hash, sniffed.type), ...fieldsOf(fields), sanitised };
  }

  /** The stored asset at a path (with its bytes), or undefined. */
  async find(tenantId: string, hash: string, type: ImageType): Promise<Asset | undefined> {
    const doc = await this.scope(tenantId).findOne({ hash, type }).lean();
    if (!doc) return undefined;
    // Lean reads give the driver's Binary, not a Buffer.
    const raw = doc.data as unknown as Buffer | { buffer: Uint8Array };
    const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer);
    return { ...(doc as unknown as Asset), data };
  }

  /** Whether a theme's `/assets/…` reference names an image this tenant uploaded. */
  async exists(tenantId: Types.ObjectId, path: string): Promise<boolean> {
    const parts = parseAssetPath(path);
    if (!parts || parts.tenantId !== String(tenantId)) return false;
    return (await this.scope(tenantId).countDocuments({ hash: parts.hash, type: parts.type })) > 0;
  }
}

function fieldsOf(fields: Omit<AssetView, 'path' | 'sanitised'> & { hash: string }) {
  const { hash: _hash, ...view } = fields;
  return view;
}

function tooLarge(
  message = `Images may be at most ${assetLimits.maxBytes / 1024 / 1024} MB.`,
): ParleyError {
  return new ParleyError('PARLEY_ASSET_TOO_LARGE', { message });
}
