import { marked, type Token, type Tokens } from 'marked';
import { htmlToPlainText } from './html';
import { BlockCollector, type ParsedDocument } from './types';

/**
 * Markdown through marked's lexer (no rendering): headings open sections,
 * paragraphs, list items, table rows and code become text blocks, inline
 * formatting and raw HTML are reduced to their text. Links keep only their
 * label, so a document cannot smuggle an active link into an answer.
 */
export function parseMarkdown(source: string): Omit<ParsedDocument, 'format'> {
  const collector = new BlockCollector();
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;
  walk(marked.lexer(source.replace(frontMatter, ''), { gfm: true }), collector);
  return { title: collector.title ?? '', blocks: collector.blocks };
}

function walk(tokens: Token[], out: BlockCollector): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        out.heading(token.depth, inline(token.tokens));
        break;
      case 'paragraph':
        out.text(inline(token.tokens));
        break;
      case 'list':
        out.text(listText(token as Tokens.List, 0));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const header = table.header.map((cell) => inline(cell.tokens));
        // One line per row with its column names, so a row still makes sense alone.
        const rows = table.rows.map((row) =>
          row
            .map((cell, i) => `${header[i] ? `${header[i]}: ` : ''}${inline(cell.tokens)}`)
            .join('; '),
        );
        out.text(rows.join('\n'));
        break;
      }
      case 'blockquote':
        walk((token as Tokens.Blockquote).tokens, out);
        break;
      case 'code':
        out.text(token.text);
        break;
      case 'html':
        out.text(htmlToPlainText(token.text));
        break;
      case 'text':
        out.text('tokens' in token && token.tokens ? inline(token.tokens) : token.text);
        break;
      default:
        break;
    }
  }
}

function listText(list: Tokens.List, depth: number): string {
  const lines: string[] = [];
  for (const item of list.items) {
    const own = item.tokens
      .filter((child) => child.type !== 'list')
      .map((child) => ('tokens' in child && child.tokens ? inline(child.tokens) : child.raw));
    lines.push(`${'  '.repeat(depth)}- ${own.join(' ')}`);
    for (const child of item.tokens) {
      if (child.type === 'list') lines.push(listText(child as Tokens.List, depth + 1));
    }
  }
  return lines.join('\n');
}

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'html':
        text += htmlToPlainText(token.text);
        break;
      case 'image':
        text += token.text ? ` ${token.text} ` : ' ';
        break;
      case 'br':
        text += ' ';
        break;
      case 'codespan':
      case 'escape':
        text += token.text;
        break;
      default:
        text +=
          'tokens' in token && token.tokens
            ? inline(token.tokens)
            : decodeEntities('text' in token ? String(token.text) : '');
    }
  }
  return text;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}
