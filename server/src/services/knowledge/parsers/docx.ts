import mammoth from 'mammoth';
import { ParleyError } from '../../../errors';
import { parseHtml } from './html';
import type { ParsedDocument } from './types';

// Word's Title/Subtitle styles are not headings in mammoth's default map.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * DOCX through mammoth: converted to semantic HTML (Word heading styles
 * become `<h1>`…`<h6>`), then read by the HTML parser. Images are dropped
 * and external files are never fetched.
 */
export async function parseDocx(data: Uint8Array): Promise<Omit<ParsedDocument, 'format'>> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw new ParleyError('PARLEY_DOCUMENT_CORRUPT', {
      message: 'The DOCX file could not be read; it may be damaged or not a Word document.',
    });
  }
  return parseHtml(html);
}
