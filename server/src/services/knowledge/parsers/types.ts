/** The file formats the knowledge base can read. */
export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

/**
 * One block of a document's text (a paragraph, a list, a table, a page of a
 * PDF) with the trail of headings it sits under, outermost first.
 */
export interface TextBlock {
  headings: string[];
  text: string;
}

/** A file turned into plain text blocks, whatever its original format. */
export interface ParsedDocument {
  format: DocumentFormat;
  /** The document's own title (first H1, `<title>`, PDF metadata), else derived from the file name. */
  title: string;
  blocks: TextBlock[];
}

/**
 * Collects blocks under the current heading trail. Every parser walks its
 * format's structure and reports headings and text to one of these, so the
 * heading logic lives in one place.
 */
export class BlockCollector {
  readonly blocks: TextBlock[] = [];
  title: string | undefined;
  private readonly trail: { level: number; text: string }[] = [];

  /** Opens a section; a level-1 heading before any text becomes the title. */
  heading(level: number, rawText: string): void {
    const text = collapseWhitespace(rawText);
    if (!text) return;
    if (level === 1 && this.title === undefined && this.blocks.length === 0) {
      this.title = text;
      return;
    }
    while (this.trail.length > 0 && this.trail.at(-1)!.level >= level) this.trail.pop();
    this.trail.push({ level, text });
  }

  /** Adds a block of text under the current headings; blank text is ignored. */
  text(rawText: string): void {
    const text = rawText.split('\n').map(collapseWhitespace).filter(Boolean).join('\n');
    if (text) this.blocks.push({ headings: this.trail.map((h) => h.text), text });
  }
}

/** Collapses runs of whitespace (and control characters) on one line into single spaces. */
export function collapseWhitespace(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f\u00a0\s]+/g, ' ').trim();
}

/** A readable title from a file name: `dental-vision_2027.md` → `Dental vision 2027`. */
export function titleFromFilename(filename: string): string {
  const base = filename.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const words = base.replace(/[-_.]+/g, ' ').trim();
  if (!words) return 'Untitled document';
  return words.charAt(0).toUpperCase() + words.slice(1);
}
