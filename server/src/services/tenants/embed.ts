import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The published widget loader: version, URL path and SRI hash. */
export interface WidgetBundle {
  version: string;
  /** Path under the server, e.g. `/cdn/parley/0.1.0/parley.js`. */
  path: string;
  integrity: string;
}

const semver = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * The newest full-version bundle under `cdn/parley/` that has a manifest
 * entry for `parley.js`. Only full versions are immutable, so only they can
 * carry an `integrity` attribute (the major alias moves).
 */
export function latestWidgetBundle(cdnDir: string): WidgetBundle | undefined {
  const root = join(cdnDir, 'parley');
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => semver.test(name))
    .sort((a, b) => {
      const pa = semver.exec(a)!.slice(1).map(Number);
      const pb = semver.exec(b)!.slice(1).map(Number);
      return pb[0]! - pa[0]! || pb[1]! - pa[1]! || pb[2]! - pa[2]!;
    });
  for (const version of versions) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, version, 'manifest.json'), 'utf8')) as {
        files?: Record<string, { integrity?: string }>;
      };
      const integrity = manifest.files?.['parley.js']?.integrity;
      if (integrity) return { version, path: `/cdn/parley/${version}/parley.js`, integrity };
    } catch {
      // A version without a readable manifest is skipped, not trusted.
    }
  }
  return undefined;
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The exact tag a customer pastes: versioned URL, SRI, CORS mode for SRI, the key, async. */
export function scriptTag(options: {
  baseUrl: string;
  bundle: WidgetBundle;
  publishableKey: string;
}): string {
  const src = `${options.baseUrl}${options.bundle.path}`;
  return `<script src="${escapeAttribute(src)}" integrity="${escapeAttribute(options.bundle.integrity)}" crossorigin="anonymous" data-key="${escapeAttribute(options.publishableKey)}" async></script>`;
}
