import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answerStats,
  askerLabel,
  citationParts,
  conversationsQuery,
  outcomeLabel,
} from '../../../../console/src/features/conversations/transcript-view';

test('conversationsQuery builds the list path with trimmed words, feedback and cursor', () => {
  assert.equal(conversationsQuery({ q: '', feedback: '' }, null), '/api/conversations?limit=25');
  assert.equal(
    conversationsQuery({ q: '  dental plan ', feedback: 'down' }, 'abc', 10),
    '/api/conversations?limit=10&q=dental+plan&feedback=down&cursor=abc',
  );
});

test('askerLabel keeps anonymous visitors anonymous', () => {
  assert.equal(askerLabel({ user: null }), 'Anonymous visitor');
  assert.equal(askerLabel({ user: 'jane@example.com' }), 'jane@example.com');
});

test('outcomeLabel names every way an answer can end except a normal one', () => {
  assert.equal(outcomeLabel({ status: 'complete', finishReason: 'stop' }), null);
  assert.deepEqual(outcomeLabel({ status: 'stopped' }), {
    text: 'Stopped by the user',
    tone: 'warning',
  });
  assert.deepEqual(outcomeLabel({ status: 'error', errorCode: 'PARLEY_CHAT_PROVIDER_FAILED' }), {
    text: 'Failed (PARLEY_CHAT_PROVIDER_FAILED)',
    tone: 'danger',
  });
  assert.equal(outcomeLabel({ status: 'aborted' })?.text, 'Abandoned (the user left)');
  assert.equal(
    outcomeLabel({ status: 'complete', finishReason: 'length' })?.text,
    'Cut short at the length limit',
  );
  assert.equal(outcomeLabel({ status: 'complete', finishReason: 'refusal' })?.tone, 'warning');
  assert.equal(outcomeLabel({ status: 'streaming' })?.tone, 'info');
});

test('answerStats summarises timings, tokens and the responder', () => {
  assert.equal(
    answerStats({
      latency: { firstTokenMs: 412.4, totalMs: 2380 },
      usage: { promptTokens: 340, completionTokens: 85, estimated: true },
      responder: 'openai:gpt-4o-mini',
    }),
    '412 ms to first token · 2.4 s total · 340 + 85 tokens (estimated) · openai:gpt-4o-mini',
  );
  assert.equal(answerStats({}), '');
});

test('citationParts links [n] markers that name a source and leaves the rest as text', () => {
  assert.deepEqual(citationParts('It is $50 [1][2]. See [7] and [0].', 2), [
    { text: 'It is $50 ' },
    { cite: 1 },
    { cite: 2 },
    { text: '. See [7] and [0].' },
  ]);
  assert.deepEqual(citationParts('No citations', 3), [{ text: 'No citations' }]);
  assert.deepEqual(citationParts('[1]', 1), [{ cite: 1 }]);
});
