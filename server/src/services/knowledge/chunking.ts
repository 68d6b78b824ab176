import type { ParsedDocument, TextBlock } from './parsers/index';
import { splitSentences } from './text/sentences';

/** One retrievable passage of a document, with where it came from. */
export interface Chunk {
  /** Position in the document, from 0. */
  index: number;
  /** The passage itself, as shown to the reader and given to the model. */
  text: string;
  /** The document's title. */
  title: string;
  /** The innermost section heading, when the passage sits under one. */
  heading?: string;
  /** Every heading above the passage, outermost first. */
  headings: string[];
  /** Where the document can be read, when known. */
  url?: string;
}

/** Sizes for {@link chunkDocument}. */
export interface ChunkOptions {
  /** Soft upper bound of a chunk's text, in characters. */
  maxChars?: number;
  /** The document's public address, copied onto every chunk. */
  url?: string;
}

const DEFAULT_MAX_CHARS = 1000;

/**
 * Splits a parsed document into passages that never straddle a section:
 * a chunk holds whole blocks (paragraphs, lists, tables) of one section
 * while they fit, and a block too large for one chunk is cut between
 * sentences, the next part repeating the last sentence for context.
 */
export function chunkDocument(document: ParsedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const chunks: Chunk[] = [];
  for (const section of sections(document.blocks)) {
    for (const text of packSection(section.blocks, maxChars)) {
      const heading = section.headings.at(-1);
      chunks.push({
        index: chunks.length,
        text,
        title: document.title,
        ...(heading ? { heading } : {}),
        headings: section.headings,
        ...(options.url ? { url: options.url } : {}),
      });
    }
  }
  return chunks;
}

/**
 * The text a chunk is embedded with: the title and headings give a short
 * passage its context ("Deductible: $750" means nothing without "Harbor PPO").
 */
export function embeddingText(chunk: Pick<Chunk, 'title' | 'headings' | 'text'>): string {
  return [chunk.title, ...chunk.headings, chunk.text].filter(Boolean).join('\n');
}

function* sections(blocks: TextBlock[]): Generator<{ headings: string[]; blocks: string[] }> {
  let current: { headings: string[]; blocks: string[] } | undefined;
  for (const block of blocks) {
    if (!current || current.headings.join('\u0000') !== block.headings.join('\u0000')) {
      if (current) yield current;
      current = { headings: block.headings, blocks: [] };
    }
    current.blocks.push(block.text);
  }
  if (current) yield current;
}

function packSection(blocks: string[], maxChars: number): string[] {
  const out: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) out.push(current.trim());
    current = '';
  };
  for (const block of blocks) {
    if (current && current.length + 2 + block.length > maxChars) push();
    if (block.length <= maxChars) {
      current = current ? `${current}\n\n${block}` : block;
      continue;
    }
    for (const piece of splitLongBlock(block, maxChars)) {
      if (current) push();
      current = piece;
    }
  }
  push();
  return out;
}

/** Cuts an oversized block between lines, then between sentences, then (last resort) between words. */
function splitLongBlock(block: string, maxChars: number): string[] {
  const units = block
    .split('\n')
    .flatMap((line) => (line.length <= maxChars ? [line] : splitSentences(line)));
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const unit of units.flatMap((u) => (u.length <= maxChars ? [u] : hardWrap(u, maxChars)))) {
    if (current.length > 0 && length + 1 + unit.length > maxChars) {
      pieces.push(current.join(joinerFor(block)));
      const last = current.at(-1)!;
      // One unit of overlap keeps a fact that spans the cut retrievable from either side.
      current = last.length + unit.length < maxChars ? [last] : [];
      length = current.reduce((sum, u) => sum + u.length + 1, 0);
    }
    current.push(unit);
    length += unit.length + 1;
  }
  if (current.length > 0) pieces.push(current.join(joinerFor(block)));
  return pieces;
}

function joinerFor(block: string): string {
  return block.includes('\n') ? '\n' : ' ';
}

function hardWrap(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const cut = rest.lastIndexOf(' ', maxChars);
    const at = cut > maxChars / 2 ? cut : maxChars;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
