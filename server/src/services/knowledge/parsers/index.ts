import { ParleyError } from '../../../errors';
import { decodeText, detectFormat } from './detect';
import { parseDocx } from './docx';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { parsePdf } from './pdf';
import { parsePlainText } from './text';
import { type ParsedDocument, titleFromFilename } from './types';

export type { DocumentFormat, ParsedDocument, TextBlock } from './types';

/** Limits on one uploaded file, enforced before and after extraction. */
export const DOCUMENT_LIMITS = {
  /** Largest file accepted, in bytes. */
  maxBytes: 20 * 1024 * 1024,
  /** Most extracted text kept per document, in characters (a 1,000-page book is ~2.5 M). */
  maxTextChars: 3_000_000,
};

/** A file as received from an upload or read from disk. */
export interface DocumentFile {
  filename: string;
  data: Uint8Array;
  mimeType?: string;
}

/**
 * Reads any supported file into plain text blocks. Throws a `ParleyError`
 * with a catalogue code for files that are too large, of an unsupported
 * type, corrupt, or without any extractable text.
 */
export async function parseDocument(file: DocumentFile): Promise<ParsedDocument> {
  const { filename, data } = file;
  if (data.byteLength > DOCUMENT_LIMITS.maxBytes) {
    throw new ParleyError('PARLEY_DOCUMENT_TOO_LARGE', {
      message: `${filename} is ${megabytes(data.byteLength)}; the limit is ${megabytes(DOCUMENT_LIMITS.maxBytes)}.`,
    });
  }
  const format = detectFormat(data, filename, file.mimeType);
  const parsed = await parseAs(format, file);
  const characters = parsed.blocks.reduce((sum, block) => sum + block.text.length, 0);
  if (characters === 0) {
    throw new ParleyError('PARLEY_DOCUMENT_EMPTY', {
      message:
        format === 'pdf'
          ? `${filename} has no text layer (a scanned PDF?); upload a PDF with selectable text.`
          : `${filename} contains no text to index.`,
    });
  }
  if (characters > DOCUMENT_LIMITS.maxTextChars) {
    throw new ParleyError('PARLEY_DOCUMENT_TOO_LARGE', {
      message: `${filename} has ${characters.toLocaleString('en')} characters of text; the limit is ${DOCUMENT_LIMITS.maxTextChars.toLocaleString('en')}. Split it into smaller files.`,
    });
  }
  return { format, title: parsed.title || titleFromFilename(filename), blocks: parsed.blocks };
}

async function parseAs(
  format: ParsedDocument['format'],
  file: DocumentFile,
): Promise<Omit<ParsedDocument, 'format'>> {
  switch (format) {
    case 'pdf':
      return parsePdf(file.data);
    case 'docx':
      return parseDocx(file.data);
    case 'html':
      return parseHtml(decodeText(file.data, file.filename));
    case 'markdown':
      return parseMarkdown(decodeText(file.data, file.filename));
    case 'text':
      return parsePlainText(decodeText(file.data, file.filename));
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
