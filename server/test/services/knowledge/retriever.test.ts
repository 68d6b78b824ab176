import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkDocument, embeddingText } from '../../../src/services/knowledge/chunking';
import { LocalHashEmbeddings } from '../../../src/services/knowledge/embedders/local';
import { MemoryChunkIndex } from '../../../src/services/knowledge/memory-index';
import { parseDocument } from '../../../src/services/knowledge/parsers/index';
import { lexicalRerank } from '../../../src/services/knowledge/rerank';
import { KnowledgeRetriever } from '../../../src/services/knowledge/retriever';
import { lexicalFeatures, TermStatistics } from '../../../src/services/knowledge/term-stats';
import { utf8 } from './fixtures';

const HANDBOOK: Record<string, string> = {
  'dental.md':
    '# Dental\n\n## Orthodontia\nBraces are covered at 50% for children under 18, up to $1,500.\n\n## Cleanings\nTwo cleanings a year at no cost.',
  'leave.md':
    '# Leave\n\n## Bereavement\nTake up to 7 paid days when a close family member dies.\n\n## Parental leave\nNew parents get 14 weeks of paid leave.',
  'eap.md': '# Wellbeing\n\nConfidential counseling is available at 1-800-555-0110, any time.',
};

async function indexTenant(
  index: MemoryChunkIndex,
  tenantId: string,
  files: Record<string, string>,
  embeddings: LocalHashEmbeddings,
) {
  const stats = new TermStatistics();
  for (const [filename, text] of Object.entries(files)) {
    const chunks = chunkDocument(await parseDocument({ filename, data: utf8(text) }), {
      url: `https://docs.example/${filename}`,
    });
    const vectors = await embeddings.embedDocuments(chunks.map(embeddingText));
    index.add(
      chunks.map((chunk, i) => ({
        id: `${tenantId}:${filename}:${i}`,
        documentId: filename,
        tenantId,
        embedder: embeddings.name,
        embedding: vectors[i]!,
        text: chunk.text,
        title: chunk.title,
        headings: chunk.headings,
        ...(chunk.heading ? { heading: chunk.heading } : {}),
        ...(chunk.url ? { url: chunk.url } : {}),
      })),
    );
    for (const chunk of chunks) stats.update(lexicalFeatures(embeddingText(chunk)), 1);
  }
  return stats;
}

test('retrieves the answering passage first, as a source with heading, URL and a snippet', async () => {
  const embeddings = new LocalHashEmbeddings();
  const index = new MemoryChunkIndex();
  const stats = await indexTenant(index, 't1', HANDBOOK, embeddings);
  const retriever = new KnowledgeRetriever({
    embeddings,
    search: index,
    statistics: async () => stats,
  });
  const [first, ...rest] = await retriever.retrieve({
    tenantId: 't1',
    query: 'Are braces covered for my kid?',
    k: 3,
  });
  assert.equal(first!.documentId, 'dental.md');
  assert.equal(first!.heading, 'Orthodontia');
  assert.equal(first!.title, 'Dental › Orthodontia', 'labelled with the section');
  assert.equal(first!.url, 'https://docs.example/dental.md');
  assert.match(first!.snippet, /Braces are covered/);
  assert.deepEqual(rest, [], 'the leave and counseling passages share no word with the question');
  const [phone] = await retriever.retrieve({
    tenantId: 't1',
    query: 'What is the counseling phone number?',
    k: 1,
  });
  assert.equal(phone!.documentId, 'eap.md');
  assert.deepEqual(await retriever.retrieve({ tenantId: 't1', query: '   ', k: 3 }), []);
});

test('an off-topic question gets no sources; the relevance gate is what drops them', async () => {
  const embeddings = new LocalHashEmbeddings();
  const index = new MemoryChunkIndex();
  const stats = await indexTenant(index, 't1', HANDBOOK, embeddings);
  const retriever = (minRelevance?: number) =>
    new KnowledgeRetriever({
      embeddings,
      search: index,
      statistics: async () => stats,
      ...(minRelevance === undefined ? {} : { minRelevance }),
    });
  const query = { tenantId: 't1', query: 'What is the capital of France?', k: 5 };
  assert.deepEqual(await retriever().retrieve(query), []);
  assert.ok((await retriever(0).retrieve(query)).length > 0, 'without the gate: nearest passages');
  const onTopic = await retriever().retrieve({ ...query, query: 'How many days of bereavement?' });
  assert.equal(onTopic[0]?.heading, 'Bereavement');
  assert.ok(
    onTopic.every((s) => s.title !== 'Wellbeing'),
    'unrelated passages are not listed',
  );
});

test('chunks of one section become one source, labelled by title and section', async () => {
  const embeddings = new LocalHashEmbeddings();
  const index = new MemoryChunkIndex();
  const texts = [
    ['Dental', 'The dental deductible is $50 per person each year.'],
    ['Dental', 'After the dental deductible, fillings are covered at 80%.'],
    ['Vision', 'The vision plan has no deductible; exams cost $10.'],
  ] as const;
  const vectors = await embeddings.embedDocuments(texts.map(([, text]) => text));
  index.add(
    texts.map(([heading, text], i) => ({
      id: `c${i}`,
      documentId: 'health.md',
      tenantId: 't1',
      embedder: embeddings.name,
      embedding: vectors[i]!,
      text,
      title: 'Health coverage',
      heading,
      headings: [heading],
    })),
  );
  const retriever = new KnowledgeRetriever({ embeddings, search: index });
  const sources = await retriever.retrieve({
    tenantId: 't1',
    query: 'What is the dental deductible?',
    k: 5,
  });
  assert.deepEqual(
    sources.map((s) => s.title),
    ['Health coverage › Dental', 'Health coverage › Vision'],
  );
  assert.match(sources[0]!.text, /\$50 per person[\s\S]*fillings are covered at 80%/);
  assert.match(sources[0]!.snippet, /\$50 per person/);
});

test("another tenant's chunks and vectors of another embedder are never candidates", async () => {
  const embeddings = new LocalHashEmbeddings();
  const index = new MemoryChunkIndex();
  await indexTenant(index, 'a', HANDBOOK, embeddings);
  await indexTenant(
    index,
    'b',
    { 'secret.md': '# Braces\n\nTenant B covers braces for kids at 90%.' },
    embeddings,
  );
  await indexTenant(
    index,
    'a',
    { 'old.md': '# Braces\n\nOld vectors mention braces for kids.' },
    new LocalHashEmbeddings({ dimensions: 1024, wordShare: 0.5 }),
  );
  const retriever = new KnowledgeRetriever({ embeddings, search: index });
  const sources = await retriever.retrieve({ tenantId: 'a', query: 'braces for kids', k: 10 });
  assert.ok(sources.length > 0);
  for (const source of sources)
    assert.ok(source.id.startsWith('a:') && source.documentId !== 'secret.md');
  assert.ok(
    !sources.some((s) => s.documentId === 'old.md'),
    'vectors from a different embedder are not mixed in',
  );
});

test('the lexical re-rank lifts an exact match above a vector near-miss, with absolute scores', () => {
  const candidates = [
    { id: '1', text: 'Vision exams every year.', title: 'Vision', headings: [], score: 0.6 },
    {
      id: '2',
      text: 'The home office stipend is $500.',
      title: 'Remote work',
      headings: [],
      score: 0.5,
    },
  ];
  const ranked = lexicalRerank('What is the home office stipend?', candidates, undefined);
  assert.deepEqual(
    ranked.map((c) => c.id),
    ['2', '1'],
  );
  const offTopic = lexicalRerank('capital of France', candidates, undefined, { expansion: null });
  assert.ok(
    offTopic.every((c) => c.score < 0.5),
    'no lexical match keeps scores low',
  );
});
