import { BlockCollector, type ParsedDocument } from './types';

/**
 * Plain text: blank lines separate paragraphs. A short first line followed
 * by a blank line (the usual way a text file carries a title) becomes the title.
 */
export function parsePlainText(source: string): Omit<ParsedDocument, 'format'> {
  const collector = new BlockCollector();
  const paragraphs = source.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const first = paragraphs[0]?.trim() ?? '';
  if (
    paragraphs.length > 1 &&
    first &&
    !first.includes('\n') &&
    first.length <= 120 &&
    !/[.!?:;,]$/.test(first)
  ) {
    collector.heading(1, first);
    paragraphs.shift();
  }
  for (const paragraph of paragraphs) collector.text(unwrap(paragraph));
  return { title: collector.title ?? '', blocks: collector.blocks };
}

/** Re-joins hard-wrapped lines; list items (`- `, `* `, `1.`) keep their own lines. */
function unwrap(paragraph: string): string {
  const lines: string[] = [];
  for (const line of paragraph.split('\n')) {
    if (lines.length === 0 || /^\s*([-*•]|\d+[.)])\s+/.test(line)) lines.push(line.trim());
    else lines[lines.length - 1] += ` ${line.trim()}`;
  }
  return lines.join('\n');
}
