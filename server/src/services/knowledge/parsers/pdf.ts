import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { ParleyError } from '../../../errors';
import { BlockCollector, collapseWhitespace, type ParsedDocument } from './types';

/** The most pages a PDF may have; beyond it the upload is refused rather than truncated. */
export const MAX_PDF_PAGES = 1000;

interface Line {
  text: string;
  size: number;
  y: number;
}

/**
 * PDF through unpdf (pdf.js): text items are grouped into lines, lines into
 * paragraphs by vertical gaps, and lines set noticeably larger than the body
 * text become headings, so a PDF handbook keeps its sections.
 */
export async function parsePdf(data: Uint8Array): Promise<Omit<ParsedDocument, 'format'>> {
  // pdf.js takes ownership of (detaches) the buffer it is given; hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
  }).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : '';
    throw new ParleyError('PARLEY_DOCUMENT_CORRUPT', {
      message:
        name === 'PasswordException'
          ? 'The PDF is password-protected; upload an unprotected copy.'
          : 'The PDF could not be read; it may be damaged.',
    });
  });
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new ParleyError('PARLEY_DOCUMENT_TOO_LARGE', {
        message: `The PDF has ${pdf.numPages} pages; the limit is ${MAX_PDF_PAGES}.`,
      });
    }
    const { info } = await getMeta(pdf).catch(() => ({ info: {} as Record<string, unknown> }));
    const { items } = await extractTextItems(pdf);
    const pages = items.map((page) => toLines(page));
    const body = bodySize(pages.flat());
    const collector = new BlockCollector();
    for (const lines of pages) collectPage(lines, body, collector);
    const metaTitle = typeof info.Title === 'string' ? collapseWhitespace(info.Title) : '';
    return { title: metaTitle || collector.blocks[0]?.headings[0] || '', blocks: collector.blocks };
  } finally {
    await pdf.destroy();
  }
}

function toLines(items: { str: string; y: number; fontSize: number; hasEOL: boolean }[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    const sameLine = current && Math.abs(current.y - item.y) < Math.max(2, item.fontSize * 0.3);
    if (!current || !sameLine) {
      if (current?.text.trim()) lines.push(current);
      current = { text: '', size: 0, y: item.y };
    }
    current.text += item.str;
    if (item.str.trim()) current.size = Math.max(current.size, item.fontSize);
    if (item.hasEOL) {
      if (current.text.trim()) lines.push(current);
      current = undefined;
    }
  }
  if (current?.text.trim()) lines.push(current);
  return lines;
}

/** The font size most characters are set in. */
function bodySize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) chars.set(line.size, (chars.get(line.size) ?? 0) + line.text.length);
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of chars) {
    if (count > bestCount) [best, bestCount] = [size, count];
  }
  return best;
}

function collectPage(lines: Line[], body: number, out: BlockCollector): void {
  let paragraph: string[] = [];
  const flush = () => {
    // Re-join words hyphenated across lines, then lines into one paragraph.
    out.text(
      paragraph
        .join('\n')
        .replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')
        .replace(/\n/g, ' '),
    );
    paragraph = [];
  };
  let previous: Line | undefined;
  for (const line of lines) {
    const text = collapseWhitespace(line.text);
    const isHeading =
      body > 0 && line.size >= body * 1.15 && text.length <= 120 && !/[.,;]$/.test(text);
    if (isHeading) {
      flush();
      // Never level 1: a PDF's title comes from its metadata, its big headings stay sections.
      out.heading(line.size >= body * 1.5 ? 2 : 3, text);
    } else {
      const gap = previous ? previous.y - line.y : 0;
      if (gap > line.size * 1.8 || /^([-•*▪◦]|\d+[.)])\s/.test(text)) flush();
      paragraph.push(text);
    }
    previous = line;
  }
  flush();
}
