import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Other embeddable chat widgets published on npm, and the file a page would load. */
const widgets = [
  { name: 'deep-chat', file: 'dist/deepChat.bundle.js' },
  { name: '@n8n/chat', file: 'dist/chat.bundle.es.js' },
  { name: 'flowise-embed', file: 'dist/web.js' },
  { name: '@typebot.io/js', file: 'dist/web.js' },
  { name: '@botpress/webchat', file: undefined },
];

/** One competitor's measured size, or why it could not be measured. */
export interface CompetitorSize {
  name: string;
  version?: string;
  file?: string;
  gzipBytes?: number;
  note?: string;
}

/**
 * Fetches each package's published tarball with `npm pack` (the ordinary
 * client, into a temp dir) and gzips the browser bundle a page would load.
 */
export function measureCompetitors(): CompetitorSize[] {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  try {
    return widgets.map(({ name, file }) => {
      try {
        const out = execFileSync('npm', ['pack', name, '--silent', '--pack-destination', dir], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 60_000,
        }).trim();
        const tarball = join(dir, out.split('\n').at(-1)!);
        const unpacked = join(dir, out.replace(/\W/g, '_'));
        execFileSync('mkdir', ['-p', unpacked]);
        execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
        const root = join(unpacked, 'package');
        const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
        const candidate = [file, pkg.unpkg, pkg.jsdelivr, pkg.browser, pkg.module, pkg.main].find(
          (f) => typeof f === 'string' && existsSync(join(root, f)),
        ) as string | undefined;
        if (!candidate)
          return {
            name,
            version: pkg.version,
            note: `no browser bundle among ${readdirSync(root).join(', ')}`,
          };
        const bytes = readFileSync(join(root, candidate));
        return {
          name,
          version: pkg.version,
          file: candidate,
          gzipBytes: gzipSync(bytes, { level: 9 }).length,
        };
      } catch (error) {
        return { name, note: `not measured: ${(error as Error).message.split('\n')[0]}` };
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
