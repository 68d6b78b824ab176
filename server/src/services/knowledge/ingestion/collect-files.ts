import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { extensionOf } from '../parsers/detect';
import type { IngestFile } from './pipeline';

/** Extensions picked up when a folder is given (explicit files are tried whatever their name). */
export const INGESTIBLE_EXTENSIONS = new Set([
  'md',
  'markdown',
  'txt',
  'text',
  'html',
  'htm',
  'pdf',
  'docx',
]);

/**
 * Expands paths (files and folders, recursively; hidden entries and
 * `node_modules` skipped) into files to ingest, named by their path
 * relative to the folder given, so re-running replaces rather than duplicates.
 */
export async function collectFiles(paths: string[]): Promise<IngestFile[]> {
  const files: IngestFile[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new Error(`${path}: no such file or folder`);
    if (info.isFile()) {
      files.push({
        filename: path.replace(/^.*[\\/]/, ''),
        data: new Uint8Array(await readFile(absolute)),
      });
      continue;
    }
    for (const file of await walk(absolute)) {
      files.push({
        filename: relative(absolute, file),
        data: new Uint8Array(await readFile(file)),
      });
    }
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && INGESTIBLE_EXTENSIONS.has(extensionOf(entry.name))) out.push(path);
  }
  return out;
}
