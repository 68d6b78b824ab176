import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Types } from 'mongoose';
import { demoHandbookFiles, ingestDemoHandbook } from '../../../src/demo/handbook/ingest';
import { LocalHashEmbeddings } from '../../../src/services/knowledge/embedders/local';
import { ExtractiveResponder } from '../../../src/services/knowledge/extractive/responder';
import { KnowledgeBase } from '../../../src/services/knowledge/knowledge-base';
import { startTestDatabase } from '../../support/database';

test('the demo handbook ingests once and answers a benefits question with a citation', async (t) => {
  const database = await startTestDatabase(t);
  const knowledge = new KnowledgeBase({
    connection: database.connection,
    embeddings: new LocalHashEmbeddings(),
  });
  const tenantId = new Types.ObjectId();
  const first = await ingestDemoHandbook(knowledge, tenantId);
  assert.equal(first.total, demoHandbookFiles().length);
  assert.ok(first.items.every((i) => i.status === 'ready'));
  const second = await ingestDemoHandbook(knowledge, tenantId);
  assert.ok(
    second.items.every((i) => i.status === 'unchanged'),
    'a restart does not re-index',
  );

  const question = 'How long is paid leave for a new dad?';
  const sources = await knowledge.retriever.retrieve({
    tenantId: String(tenantId),
    query: question,
    k: 4,
  });
  assert.equal(sources[0]!.heading, 'Parental leave');
  const answer = new ExtractiveResponder().compose({ question, sources });
  assert.match(answer, /14 weeks of fully paid leave.*\[1\]/);

  // QA findings on the widget's starter question and an off-topic one.
  const dental = 'What is the dental deductible?';
  const dentalSources = await knowledge.retriever.retrieve({
    tenantId: String(tenantId),
    query: dental,
    k: 5,
  });
  assert.equal(dentalSources[0]!.title, 'Health coverage › Dental');
  const titles = dentalSources.map((s) => s.title);
  assert.equal(new Set(titles).size, titles.length, `distinct labels: ${titles.join(' | ')}`);
  const dentalAnswer = new ExtractiveResponder().compose({
    question: dental,
    sources: dentalSources,
  });
  assert.match(dentalAnswer, /Deductible: \$50 per person, \$150 per family.*\[1\]/);
  assert.doesNotMatch(dentalAnswer, /\$500 per person/, 'not the medical plan deductible');
  const offTopic = await knowledge.retriever.retrieve({
    tenantId: String(tenantId),
    query: 'What is the capital of France?',
    k: 5,
  });
  assert.deepEqual(offTopic, []);
});
