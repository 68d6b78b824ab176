import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ParleyError } from '../../../../src/errors';
import { DOCUMENT_LIMITS, parseDocument } from '../../../../src/services/knowledge/parsers/index';
import { makeDocx, makePdf, utf8 } from '../fixtures';

async function rejects(promise: Promise<unknown>, code: string, pattern?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError, `expected a ParleyError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('parseDocument', () => {
  test('Markdown: title from the H1, headings as trails, lists, tables, inline markup reduced to text', async () => {
    const source = [
      '---',
      'layout: page',
      '---',
      '# Dental plan',
      '',
      'Intro with **bold** and a [link label](javascript:alert(1)) and <b>html</b>.',
      '',
      '## Orthodontia',
      '- Children under 19',
      '- Up to $2,000',
      '',
      '### Limits',
      '| Item | Amount |',
      '| --- | --- |',
      '| Lifetime max | $2,000 |',
    ].join('\n');
    const doc = await parseDocument({ filename: 'dental.md', data: utf8(source) });
    assert.equal(doc.format, 'markdown');
    assert.equal(doc.title, 'Dental plan');
    assert.deepEqual(doc.blocks, [
      { headings: [], text: 'Intro with bold and a link label and html.' },
      { headings: ['Orthodontia'], text: '- Children under 19\n- Up to $2,000' },
      { headings: ['Orthodontia', 'Limits'], text: 'Item: Lifetime max; Amount: $2,000' },
    ]);
  });

  test('HTML: <title>, headings, table rows with their headers; scripts, styles and navigation dropped', async () => {
    const html = `<!doctype html><html><head><title>Vision &amp; eyes</title><style>p{color:red}</style></head>
      <body><nav>Home | About</nav><h1>Vision</h1><p>Frames every <em>24 months</em>.<script>alert('x')</script></p>
      <h2>Costs</h2><table><tr><th>Service</th><th>Copay</th></tr><tr><td>Exam</td><td>$10</td></tr></table>
      <ul><li>One</li><li>Two</li></ul><div hidden>secret</div></body></html>`;
    const doc = await parseDocument({ filename: 'vision.html', data: utf8(html) });
    assert.equal(doc.format, 'html');
    assert.equal(doc.title, 'Vision & eyes');
    const text = doc.blocks.map((b) => `${b.headings.join('>')}|${b.text}`);
    assert.deepEqual(text, [
      '|Frames every 24 months.',
      'Costs|Service: Exam; Copay: $10',
      'Costs|- One',
      'Costs|- Two',
    ]);
  });

  test('plain text: a short first line is the title, blank lines separate paragraphs', async () => {
    const doc = await parseDocument({
      filename: 'notes.txt',
      data: utf8('Leave policy\n\nBirth parents get 16 weeks.\nPaid in full.\n\nAsk HR.'),
    });
    assert.equal(doc.title, 'Leave policy');
    assert.deepEqual(
      doc.blocks.map((b) => b.text),
      ['Birth parents get 16 weeks. Paid in full.', 'Ask HR.'],
    );
  });

  test('PDF: title from metadata, larger lines become section headings', async () => {
    const data = await makePdf('Benefits guide', [
      {
        heading: 'Dental coverage',
        lines: ['The dental plan covers two cleanings per year.', 'Orthodontia is covered at 50%.'],
      },
      { heading: 'Vision', lines: ['Frames every 24 months.'] },
    ]);
    const doc = await parseDocument({ filename: 'guide.pdf', data });
    assert.equal(doc.format, 'pdf');
    assert.equal(doc.title, 'Benefits guide');
    assert.deepEqual(doc.blocks, [
      {
        headings: ['Dental coverage'],
        text: 'The dental plan covers two cleanings per year. Orthodontia is covered at 50%.',
      },
      { headings: ['Vision'], text: 'Frames every 24 months.' },
    ]);
  });

  test('DOCX: Word headings become sections', async () => {
    const data = await makeDocx('Leave handbook', [
      { heading: 'Bereavement', paragraphs: ['Five days for an immediate family member.'] },
      { heading: 'Jury duty', paragraphs: ['Paid in full.'] },
    ]);
    const doc = await parseDocument({ filename: 'leave.docx', data });
    assert.equal(doc.format, 'docx');
    assert.equal(doc.title, 'Leave handbook');
    assert.deepEqual(doc.blocks, [
      { headings: ['Bereavement'], text: 'Five days for an immediate family member.' },
      { headings: ['Jury duty'], text: 'Paid in full.' },
    ]);
  });

  test('the title falls back to the file name', async () => {
    const doc = await parseDocument({
      filename: 'dir/open-enrollment_2027.md',
      data: utf8('Just text.'),
    });
    assert.equal(doc.title, 'Open enrollment 2027');
  });

  test('unsupported types are refused by content, whatever the name says', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await rejects(
      parseDocument({ filename: 'logo.png', data: png }),
      'PARLEY_DOCUMENT_UNSUPPORTED_TYPE',
      /\.png/,
    );
    await rejects(
      parseDocument({ filename: 'logo.md', data: png }),
      'PARLEY_DOCUMENT_UNSUPPORTED_TYPE',
    );
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await rejects(
      parseDocument({ filename: 'old.doc', data: ole }),
      'PARLEY_DOCUMENT_UNSUPPORTED_TYPE',
      /\.docx/,
    );
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    await rejects(
      parseDocument({ filename: 'sheet.xlsx', data: zip }),
      'PARLEY_DOCUMENT_UNSUPPORTED_TYPE',
    );
    await rejects(
      parseDocument({ filename: 'latin1.txt', data: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) }),
      'PARLEY_DOCUMENT_UNSUPPORTED_TYPE',
      /UTF-8/,
    );
  });

  test('corrupt files get PARLEY_DOCUMENT_CORRUPT', async () => {
    await rejects(
      parseDocument({ filename: 'a.pdf', data: utf8('not a pdf at all') }),
      'PARLEY_DOCUMENT_CORRUPT',
    );
    await rejects(
      parseDocument({ filename: 'a.pdf', data: utf8('%PDF-1.7\n garbage garbage') }),
      'PARLEY_DOCUMENT_CORRUPT',
    );
    const truncated = (await makeDocx('T', [{ heading: 'H', paragraphs: ['p'] }])).slice(0, 200);
    await rejects(
      parseDocument({ filename: 'a.docx', data: truncated }),
      'PARLEY_DOCUMENT_CORRUPT',
    );
  });

  test('files without text get PARLEY_DOCUMENT_EMPTY', async () => {
    await rejects(
      parseDocument({ filename: 'blank.md', data: utf8('\n\n   \n') }),
      'PARLEY_DOCUMENT_EMPTY',
    );
    await rejects(
      parseDocument({
        filename: 'img.html',
        data: utf8('<html><body><img src="x.png"></body></html>'),
      }),
      'PARLEY_DOCUMENT_EMPTY',
    );
  });

  test('files over the size limit get PARLEY_DOCUMENT_TOO_LARGE before any parsing', async () => {
    const data = new Uint8Array(DOCUMENT_LIMITS.maxBytes + 1).fill(0x61);
    await rejects(parseDocument({ filename: 'big.txt', data }), 'PARLEY_DOCUMENT_TOO_LARGE', /MB/);
  });
});
