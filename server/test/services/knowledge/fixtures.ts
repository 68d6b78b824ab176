import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A small PDF: a metadata title, a large heading per page and body lines. */
export async function makePdf(
  title: string,
  pages: { heading: string; lines: string[] }[],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const { heading, lines } of pages) {
    const page = pdf.addPage();
    page.drawText(heading, { x: 50, y: 720, size: 20, font });
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 690 - i * 15, size: 11, font });
    });
  }
  return pdf.save();
}

/** A small DOCX with a title, headings and paragraphs. */
export async function makeDocx(
  title: string,
  sections: { heading: string; paragraphs: string[] }[],
): Promise<Uint8Array> {
  const children = [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 })];
  for (const section of sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
    for (const text of section.paragraphs) children.push(new Paragraph({ text }));
  }
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return new Uint8Array(buffer);
}

/** UTF-8 bytes of a string. */
export const utf8 = (text: string) => new TextEncoder().encode(text);
