import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandQuery, relatedStems } from '../../../../src/services/knowledge/text/expansion';
import { splitSentences } from '../../../../src/services/knowledge/text/sentences';
import { tokenize } from '../../../../src/services/knowledge/text/tokens';
import { WordNet } from '../../../../src/services/knowledge/text/wordnet';

test('WordNet finds senses through base forms, most frequent first', (t) => {
  const wordnet = WordNet.open();
  t.after(() => wordnet.close());
  const braces = wordnet.senses('braces', 'noun', 1)[0]!;
  assert.ok(braces.words.includes('orthodontic_braces'));
  assert.match(braces.gloss, /dental/);
  assert.ok(wordnet.senses('children', 'noun', 1)[0]!.words.includes('child'), 'irregular plural');
  assert.ok(wordnet.senses('kids', 'noun', 1)[0]!.words.includes('kid'), 'morphy: kids → kid');
  assert.deepEqual(wordnet.senses('qwxzv', 'noun', 3), []);
});

test('query expansion brings related words at reduced weight, never the words already asked', () => {
  const related = relatedStems('kid');
  assert.ok((related.get('child') ?? 0) > 0);
  assert.ok(!related.has('kid'));
  const expanded = expandQuery('Does the dental plan cover braces for my kid?');
  assert.ok(expanded.has('orthodont'));
  assert.ok(!expanded.has('dental'), 'dental is in the question already');
  for (const weight of expanded.values()) assert.ok(weight > 0 && weight < 1);
  assert.equal(expandQuery('401 2027').size, 0, 'numbers are not expanded');
});

test('tokens: stems, stopwords, possessives and glued digits', () => {
  assert.deepEqual(
    tokenize("My kid's 401k Plans").map((t) => [t.word, t.stem, t.stop]),
    [
      ['my', 'my', true],
      ['kid', 'kid', false],
      ['401', '401', false],
      ['k', 'k', false],
      ['plans', 'plan', false],
    ],
  );
});

test('sentences: ICU boundaries, abbreviations repaired', () => {
  assert.deepEqual(splitSentences('Call Dr. Smith at 8 a.m. today. Bring e.g. your card. Done!'), [
    'Call Dr. Smith at 8 a.m. today.',
    'Bring e.g. your card.',
    'Done!',
  ]);
});
