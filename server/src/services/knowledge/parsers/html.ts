import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { BlockCollector, collapseWhitespace, type ParsedDocument } from './types';

// Elements whose content is never document text (code, chrome, embedded objects).
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'head',
  'nav',
  'button',
  'select',
  'input',
  'textarea',
  'form',
  'dialog',
]);

// Elements that start a new block of text; everything else flows inline.
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
]);

/**
 * HTML through node-html-parser: `<h1>`…`<h6>` open sections, block
 * elements become text blocks, table rows keep their column headers, and
 * scripts, styles, forms and navigation are dropped. Nothing is rendered or
 * executed; the output is plain text.
 */
export function parseHtml(source: string): Omit<ParsedDocument, 'format'> {
  const root = parse(source, { comment: false, blockTextElements: { pre: true } });
  const collector = new BlockCollector();
  const body = root.querySelector('body') ?? root;
  new Walker(collector).block(body);
  const title = collapseWhitespace(root.querySelector('title')?.text ?? '');
  return { title: title || collector.title || '', blocks: collector.blocks };
}

/** The visible text of an HTML fragment, on one line per block; used for HTML inside Markdown. */
export function htmlToPlainText(fragment: string): string {
  const collector = new BlockCollector();
  new Walker(collector).block(parse(fragment, { comment: false }));
  return collector.blocks.map((b) => b.text).join(' ');
}

class Walker {
  private buffer = '';

  constructor(private readonly out: BlockCollector) {}

  block(element: HTMLElement): void {
    for (const child of element.childNodes) this.node(child);
    this.flush();
  }

  private node(node: Node): void {
    if (node.nodeType === NodeType.TEXT_NODE) {
      this.buffer += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    const tag = element.tagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag) || element.getAttribute('hidden') !== undefined) return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      this.flush();
      this.out.heading(Number(heading[1]), element.text);
    } else if (tag === 'br') {
      this.buffer += '\n';
    } else if (tag === 'img') {
      const alt = element.getAttribute('alt');
      if (alt) this.buffer += ` ${alt} `;
    } else if (tag === 'tr') {
      this.flush();
      this.row(element);
    } else if (tag === 'pre') {
      this.flush();
      this.out.text(element.text);
    } else if (BLOCK.has(tag)) {
      this.flush();
      if (tag === 'li') this.buffer += '- ';
      this.block(element);
    } else {
      for (const child of element.childNodes) this.node(child);
    }
  }

  /** A table row as `Header: value; …` using the table's first row of `<th>` cells. */
  private row(tr: HTMLElement): void {
    const cells = tr.childNodes.filter(
      (c): c is HTMLElement =>
        c.nodeType === NodeType.ELEMENT_NODE && /^t[dh]$/i.test((c as HTMLElement).tagName),
    );
    const table = tr.closest('table');
    const headerRow = table?.querySelector('tr');
    const headerCells = headerRow?.querySelectorAll('th') ?? [];
    // The header row is folded into the rows below it ("Copay: $10"), not emitted alone.
    if (headerRow === tr && headerCells.length > 0 && headerCells.length === cells.length) return;
    const headers = headerCells.map((th) => collapseWhitespace(th.text));
    const line = cells
      .map((cell, i) => {
        const value = collapseWhitespace(cell.text);
        return headers[i] && value ? `${headers[i]}: ${value}` : value;
      })
      .filter(Boolean)
      .join('; ');
    this.out.text(line);
  }

  private flush(): void {
    if (this.buffer.trim()) this.out.text(this.buffer);
    this.buffer = '';
  }
}
