import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalHashEmbeddings } from '../../../../src/services/knowledge/embedders/local';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

test('vectors are deterministic, unit length and of the declared dimension', async () => {
  const embeddings = new LocalHashEmbeddings({ dimensions: 256 });
  const [a, b] = await embeddings.embedDocuments([
    'Dental plan covers crowns.',
    'Dental plan covers crowns.',
  ]);
  assert.equal(a!.length, 256);
  assert.equal(await embeddings.resolveDimensions(), 256);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(cosine(a!, a!) - 1) < 1e-9);
  assert.equal(embeddings.name, 'local-hash-v1-256');
  const [empty] = await embeddings.embedDocuments(['']);
  assert.ok(
    empty!.every((x) => x === 0),
    'an empty text is the zero vector, not NaN',
  );
});

test('a question is closer to the passage that answers it than to an unrelated one', async () => {
  const embeddings = new LocalHashEmbeddings();
  const [dental, parking] = await embeddings.embedDocuments([
    'Dental Plus covers orthodontia for children under 19 at 50%.',
    'Set aside up to $325 per month pre-tax for qualified parking.',
  ]);
  const question = await embeddings.embedQuery('Are braces covered for my kids?');
  assert.ok(cosine(question, dental!) > cosine(question, parking!) + 0.05);
});

test('inflections, case, accents and glued digits normalise to the same features', async () => {
  const embeddings = new LocalHashEmbeddings({ expansion: null });
  const [a, b] = await embeddings.embedDocuments([
    'The 401(k) Plans matched Contributions',
    'the 401k plan matches contribution',
  ]);
  assert.ok(cosine(a!, b!) > 0.9, String(cosine(a!, b!)));
  const [c, d] = await embeddings.embedDocuments(['Café résumé', 'cafe resume']);
  assert.ok(cosine(c!, d!) > 0.99);
});

test('queries are expanded through WordNet, documents are not', async () => {
  const embeddings = new LocalHashEmbeddings();
  const plain = new LocalHashEmbeddings({ expansion: null });
  const [child] = await embeddings.embedDocuments(['child']);
  assert.ok(cosine(await embeddings.embedQuery('kid'), child!) > 0.1);
  assert.ok(Math.abs(cosine(await plain.embedQuery('kid'), child!)) < 0.05);
  assert.deepEqual(await embeddings.embedDocuments(['kid']), await plain.embedDocuments(['kid']));
});
