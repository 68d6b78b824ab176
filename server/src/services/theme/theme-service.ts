import { isDeepStrictEqual } from 'node:util';
import {
  type Theme,
  type ThemeFieldError,
  type ValidateOptions,
  validateTheme,
} from '@parley/theme-kit';
import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { tenantModel } from '../../models/tenant';
import { type ThemeAuthor, type ThemeVersion, themeVersionModel } from '../../models/theme-version';
import { type CurrentTheme, currentThemeOf, type StoredTheme } from './current-theme';

/** Checks that uploaded-image paths in a theme belong to the tenant; see services/theme/assets. */
export type AssetCheck = (tenantId: Types.ObjectId, path: string) => Promise<boolean>;

/** Options for {@link ThemeService}. */
export interface ThemeServiceOptions {
  /** URL allow-lists passed to theme-kit's validation. */
  validate?: ValidateOptions;
  /** Verifies `/assets/…` references; without it only the path's owner segment is checked. */
  assetExists?: AssetCheck;
}

/** One entry of the history list (the theme itself is fetched per revision). */
export interface RevisionSummary {
  revision: number;
  createdAt: Date;
  author: ThemeAuthor;
  restoredFrom: number | null;
  name: string | null;
}

/** The result of a save: the current theme and whether a new revision was written. */
export type SaveResult = CurrentTheme & { changed: boolean; previous: number };

/** Turns theme-kit's field errors into the API's validation error. */
export function themeValidationError(errors: ThemeFieldError[]): ParleyError {
  const issues = errors.map((e) => ({ path: e.path, message: e.message }));
  const first = issues[0]!;
  return new ParleyError('PARLEY_VALIDATION_FAILED', {
    message: first.path
      ? `Invalid ${first.path}: ${first.message}`
      : `Invalid theme: ${first.message}`,
    details: { issues },
  });
}

/**
 * A tenant's theme with its history. Saving validates with theme-kit,
 * writes the tenant's current theme with a compare-and-set on the revision
 * (two editors cannot both win), then appends the immutable history row.
 */
export class ThemeService {
  constructor(
    private readonly connection: Connection,
    private readonly options: ThemeServiceOptions = {},
  ) {}

  /** The tenant's current theme (revision 0 and the neutral preset before the first save). */
  async current(tenantId: Types.ObjectId): Promise<CurrentTheme> {
    const tenant = await tenantModel(this.connection).findById(tenantId, { theme: 1 }).lean();
    if (!tenant) throw new ParleyError('PARLEY_NOT_FOUND');
    return currentThemeOf(tenant, this.options.validate);
  }

  /** Validates untrusted theme JSON and saves it as a new revision (unless nothing changed). */
  async save(
    tenantId: Types.ObjectId,
    input: unknown,
    author: ThemeAuthor,
    options: { ifMatch?: number } = {},
  ): Promise<SaveResult> {
    const result = validateTheme(input, this.options.validate);
    if (!result.ok) throw themeValidationError(result.errors);
    await this.checkAssets(tenantId, result.theme);
    return this.write(tenantId, result.theme, author, { ...options, restoredFrom: null });
  }

  /** Saves an old revision's theme as a new revision. */
  async restore(
    tenantId: Types.ObjectId,
    revision: number,
    author: ThemeAuthor,
    options: { ifMatch?: number } = {},
  ): Promise<SaveResult> {
    const old = await this.revision(tenantId, revision);
    const result = validateTheme(old.theme, this.options.validate);
    if (!result.ok) throw themeValidationError(result.errors);
    return this.write(tenantId, result.theme, author, { ...options, restoredFrom: revision });
  }

  /** Revisions newest first, `limit` at a time; pass the last revision seen as `before` for more. */
  async history(
    tenantId: Types.ObjectId,
    page: { limit?: number; before?: number } = {},
  ): Promise<{ revisions: RevisionSummary[]; next: number | null }> {
    const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
    const filter = page.before ? { revision: { $lt: page.before } } : {};
    const rows = await tenantScope(themeVersionModel(this.connection), tenantId)
      .find(filter, { revision: 1, createdAt: 1, author: 1, restoredFrom: 1, 'theme.name': 1 })
      .sort({ revision: -1 })
      .limit(limit + 1)
      .lean();
    const revisions = rows.slice(0, limit).map((row) => ({
      revision: row.revision,
      createdAt: row.createdAt,
      author: row.author,
      restoredFrom: row.restoredFrom ?? null,
      name: (row.theme?.name as string | null | undefined) ?? null,
    }));
    return { revisions, next: rows.length > limit ? revisions.at(-1)!.revision : null };
  }

  /** One stored revision, or `PARLEY_THEME_VERSION_NOT_FOUND`. */
  async revision(tenantId: Types.ObjectId, revision: number): Promise<ThemeVersion> {
    const row = Number.isSafeInteger(revision)
      ? await tenantScope(themeVersionModel(this.connection), tenantId).findOne({ revision }).lean()
      : null;
    if (!row) throw new ParleyError('PARLEY_THEME_VERSION_NOT_FOUND');
    return row as ThemeVersion;
  }

  private async write(
    tenantId: Types.ObjectId,
    theme: Theme,
    author: ThemeAuthor,
    options: { ifMatch?: number; restoredFrom: number | null },
  ): Promise<SaveResult> {
    const current = await this.current(tenantId);
    if (options.ifMatch !== undefined && options.ifMatch !== current.revision) {
      throw new ParleyError('PARLEY_THEME_CONFLICT');
    }
    if (current.revision > 0 && isDeepStrictEqual(current.theme, theme)) {
      return { ...current, changed: false, previous: current.revision };
    }
    const stored: StoredTheme = {
      revision: current.revision + 1,
      theme,
      updatedAt: new Date(),
      author,
    };
    // Compare-and-set on the revision read above: a concurrent save makes this match nothing.
    const guard =
      current.revision === 0
        ? { $or: [{ theme: null }, { theme: { $exists: false } }] }
        : { 'theme.revision': current.revision };
    const updated = await tenantModel(this.connection).updateOne(
      { _id: tenantId, ...guard },
      { $set: { theme: stored } },
    );
    if (updated.matchedCount !== 1) throw new ParleyError('PARLEY_THEME_CONFLICT');
    await tenantScope(themeVersionModel(this.connection), tenantId).create({
      revision: stored.revision,
      theme,
      author,
      restoredFrom: options.restoredFrom,
    });
    return {
      revision: stored.revision,
      theme,
      updatedAt: stored.updatedAt,
      author,
      fallback: false,
      changed: true,
      previous: current.revision,
    };
  }

  /** Uploaded images must be this tenant's own: `/assets/<tenantId>/…`, and exist. */
  private async checkAssets(tenantId: Types.ObjectId, theme: Theme): Promise<void> {
    const fields = {
      'brand.logoUrl': theme.brand.logoUrl,
      'brand.avatarUrl': theme.brand.avatarUrl,
    };
    const errors: ThemeFieldError[] = [];
    for (const [path, url] of Object.entries(fields)) {
      if (!url?.startsWith('/assets/')) continue;
      const owner = url.split('/')[2];
      const ok =
        owner === String(tenantId) &&
        (await (this.options.assetExists?.(tenantId, url) ?? Promise.resolve(true)));
      if (!ok) errors.push({ path, message: 'is not an image uploaded to this workspace' });
    }
    if (errors.length > 0) throw themeValidationError(errors);
  }
}
