import { ParleyError } from '../../../errors';
import type { DocumentFormat } from './types';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

const BY_MIME: Record<string, DocumentFormat> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

const SUPPORTED = 'Markdown, plain text, HTML, PDF or DOCX';

/** The lower-cased extension of a file name, without the dot ('' when none). */
export function extensionOf(filename: string): string {
  const match = /\.([a-z0-9]+)$/i.exec(filename);
  return match ? match[1]!.toLowerCase() : '';
}

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, i) => data[i] === byte);
}

/**
 * Decides a file's format from its bytes first (PDF, ZIP and OLE signatures
 * cannot be faked by a name), then its extension, then its declared type.
 * Refuses anything else with `PARLEY_DOCUMENT_UNSUPPORTED_TYPE`.
 */
export function detectFormat(
  data: Uint8Array,
  filename: string,
  mimeType?: string,
): DocumentFormat {
  const extension = extensionOf(filename);
  const mime = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const named = BY_EXTENSION[extension] ?? (extension ? undefined : BY_MIME[mime]);
  const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    if (named === 'docx' || BY_MIME[mime] === 'docx') return 'docx';
    throw unsupported(
      `${filename} is an archive or office file other than DOCX; upload ${SUPPORTED}.`,
    );
  }
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unsupported(
      `${filename} is a legacy Office file; save it as .docx or PDF and upload again.`,
    );
  }
  if (named === 'pdf' || named === 'docx') {
    throw new ParleyError('PARLEY_DOCUMENT_CORRUPT', {
      message: `${filename} does not contain a valid ${named.toUpperCase()} file.`,
    });
  }
  if (named) return named;
  if (extension) throw unsupported(`.${extension} files are not supported; upload ${SUPPORTED}.`);
  // No extension and no usable type: sniff HTML, otherwise treat as text (decoding still checks it is text).
  return /^\s*(<!doctype html|<html[\s>])/i.test(head) ? 'html' : 'text';
}

/**
 * Decodes a text file as UTF-8 (or UTF-16 with a byte-order mark). Binary
 * content (NUL bytes, invalid UTF-8) is refused instead of indexed as noise.
 */
export function decodeText(data: Uint8Array, filename: string): string {
  let text: string;
  try {
    if (startsWith(data, [0xff, 0xfe]))
      text = new TextDecoder('utf-16le', { fatal: true }).decode(data);
    else if (startsWith(data, [0xfe, 0xff]))
      text = new TextDecoder('utf-16be', { fatal: true }).decode(data);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw unsupported(`${filename} is not a text file (it is not valid UTF-8).`);
  }
  if (text.includes('\u0000')) throw unsupported(`${filename} looks like a binary file, not text.`);
  return text.replace(/^\ufeff/, '');
}

function unsupported(message: string): ParleyError {
  return new ParleyError('PARLEY_DOCUMENT_UNSUPPORTED_TYPE', { message });
}
