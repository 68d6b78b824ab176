import { clip } from './extractive/hygiene';
import type { StoredChunk } from './types';

/** Most chunks of one section merged into a single source (a section rarely needs more). */
const MAX_CHUNKS_PER_SECTION = 3;
const LABEL_CHARS = 120;
const HEADING_CHARS = 60;
const SEPARATOR = ' › ';

/** Chunks of one document section, best-ranked first; the first one names the source. */
export interface SectionGroup {
  best: StoredChunk;
  chunks: StoredChunk[];
}

/**
 * Collapses ranked chunks that sit in the same section of the same document
 * (a long section is cut into several chunks) into one group each, in the
 * order their best chunk was ranked, so the reader is never shown the same
 * citation twice and `k` sources are `k` different places to look.
 */
export function groupBySection(chunks: StoredChunk[], limit: number): SectionGroup[] {
  const groups = new Map<string, SectionGroup>();
  for (const chunk of chunks) {
    const key = `${chunk.documentId}\u0000${chunk.headings.join('\u0000')}`;
    const group = groups.get(key);
    if (group) {
      if (group.chunks.length < MAX_CHUNKS_PER_SECTION) group.chunks.push(chunk);
    } else if (groups.size < limit) groups.set(key, { best: chunk, chunks: [chunk] });
  }
  return [...groups.values()];
}

/** A group's text: its chunks in ranked order, without repeating one already included. */
export function groupText(group: SectionGroup): string {
  const parts: string[] = [];
  for (const { text } of group.chunks) if (!parts.some((p) => p.includes(text))) parts.push(text);
  return parts.join('\n\n');
}

/**
 * Labels that tell sources apart: "Health coverage › Dental" (document title
 * and innermost heading). Two sections that would share a label (the same
 * sub-heading under different parents) get their whole heading trail instead.
 */
export function sectionLabels(groups: SectionGroup[]): string[] {
  const short = groups.map(({ best }) => label(best.title, best.heading ? [best.heading] : []));
  return groups.map(({ best }, i) => {
    const collides = short.some(
      (other, j) => j !== i && other === short[i] && groups[j]!.best.documentId === best.documentId,
    );
    return collides ? label(best.title, best.headings) : short[i]!;
  });
}

function label(title: string, headings: string[]): string {
  const trail = headings.filter((h) => h && h !== title).map((h) => clip(h, HEADING_CHARS));
  return clip([title, ...trail].join(SEPARATOR), LABEL_CHARS);
}
