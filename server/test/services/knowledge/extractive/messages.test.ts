import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EXTRACTIVE_MESSAGES,
  extractiveMessages,
} from '../../../../src/services/knowledge/extractive/messages';

test('picks the built-in sentences by the language of a BCP 47 tag', () => {
  assert.equal(extractiveMessages('ar'), EXTRACTIVE_MESSAGES.ar);
  assert.equal(extractiveMessages('fr-CA'), EXTRACTIVE_MESSAGES.fr);
  assert.equal(extractiveMessages('DE_de'), EXTRACTIVE_MESSAGES.de);
  assert.equal(extractiveMessages('es-419'), EXTRACTIVE_MESSAGES.es);
  assert.equal(extractiveMessages('iw-IL'), EXTRACTIVE_MESSAGES.he, 'the legacy Hebrew code');
  assert.equal(extractiveMessages('he'), EXTRACTIVE_MESSAGES.he);
});

test('falls back to English for unknown, missing or malformed locales', () => {
  for (const locale of [undefined, '', 'ja-JP', 'toString', '__proto__', 'e', '12-34'])
    assert.equal(extractiveMessages(locale), EXTRACTIVE_MESSAGES.en, String(locale));
});

test('every language has both sentences, and none is left in English', () => {
  for (const [language, messages] of Object.entries(EXTRACTIVE_MESSAGES)) {
    assert.ok(messages.intro.length > 10 && messages.notFound.length > 10, language);
    if (language !== 'en') {
      assert.notEqual(messages.intro, EXTRACTIVE_MESSAGES.en.intro, language);
      assert.notEqual(messages.notFound, EXTRACTIVE_MESSAGES.en.notFound, language);
    }
  }
});
