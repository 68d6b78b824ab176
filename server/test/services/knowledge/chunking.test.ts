import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkDocument, embeddingText } from '../../../src/services/knowledge/chunking';
import type { ParsedDocument } from '../../../src/services/knowledge/parsers/index';

const doc = (blocks: ParsedDocument['blocks']): ParsedDocument => ({
  format: 'markdown',
  title: 'Handbook',
  blocks,
});

test('a chunk never straddles two sections and carries title, heading trail and URL', () => {
  const chunks = chunkDocument(
    doc([
      { headings: ['Dental'], text: 'Cleanings twice a year.' },
      { headings: ['Dental'], text: 'Crowns at 50%.' },
      { headings: ['Dental', 'Orthodontia'], text: 'Braces for children.' },
      { headings: ['Vision'], text: 'Frames every 24 months.' },
    ]),
    { url: 'https://intranet.example/handbook' },
  );
  assert.deepEqual(
    chunks.map((c) => [c.index, c.heading, c.headings, c.text]),
    [
      [0, 'Dental', ['Dental'], 'Cleanings twice a year.\n\nCrowns at 50%.'],
      [1, 'Orthodontia', ['Dental', 'Orthodontia'], 'Braces for children.'],
      [2, 'Vision', ['Vision'], 'Frames every 24 months.'],
    ],
  );
  for (const chunk of chunks) {
    assert.equal(chunk.title, 'Handbook');
    assert.equal(chunk.url, 'https://intranet.example/handbook');
  }
  assert.equal(embeddingText(chunks[1]!), 'Handbook\nDental\nOrthodontia\nBraces for children.');
});

test('blocks are packed up to the size limit, then a new chunk starts', () => {
  const blocks = Array.from({ length: 6 }, (_, i) => ({
    headings: [],
    text: `Paragraph ${i} ${'x'.repeat(60)}.`,
  }));
  const chunks = chunkDocument(doc(blocks), { maxChars: 200 });
  assert.ok(chunks.length >= 3);
  for (const chunk of chunks) assert.ok(chunk.text.length <= 200, chunk.text);
  assert.equal(chunks.map((c) => c.text).join('\n\n'), blocks.map((b) => b.text).join('\n\n'));
});

test('an oversized paragraph is cut between sentences, repeating one sentence for context', () => {
  const sentences = Array.from(
    { length: 12 },
    (_, i) => `Sentence number ${i} says something useful.`,
  );
  const chunks = chunkDocument(doc([{ headings: ['Long'], text: sentences.join(' ') }]), {
    maxChars: 150,
  });
  assert.ok(chunks.length > 1);
  for (const chunk of chunks) {
    assert.ok(chunk.text.length <= 150, chunk.text);
    assert.match(chunk.text, /^Sentence number \d+/, 'chunks start at a sentence boundary');
    assert.match(chunk.text, /useful\.$/, 'chunks end at a sentence boundary');
  }
  for (let i = 1; i < chunks.length; i++) {
    const lastOfPrevious = chunks[i - 1]!.text.split(/(?<=\.) /).at(-1)!;
    assert.ok(chunks[i]!.text.startsWith(lastOfPrevious), 'one sentence of overlap');
  }
  const all = new Set(chunks.flatMap((c) => c.text.split(/(?<=\.) /)));
  assert.equal(all.size, sentences.length, 'no sentence lost');
});

test('a single word longer than the limit is wrapped rather than dropped', () => {
  const chunks = chunkDocument(doc([{ headings: [], text: 'y'.repeat(450) }]), { maxChars: 200 });
  assert.equal(chunks.map((c) => c.text).join(''), 'y'.repeat(450));
});
