import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askQuestion } from '../../../src/cli/commands/ask';
import { loadConfig } from '../../../src/config';
import { createKnowledgeBase } from '../../../src/services/knowledge/index';
import { TenantService } from '../../../src/services/tenants/tenant-service';
import { startTestDatabase } from '../../support/database';
import { startFakeLlmServer } from '../../support/fake-llm-server';

test('parley ask answers from the tenant documents with the configured provider or the extractive one', async (t) => {
  const database = await startTestDatabase(t);
  const tenants = new TenantService(database.connection);
  const acme = await tenants.create({ name: 'Acme', slug: 'acme' });
  await tenants.create({ name: 'Other', slug: 'other' });
  const offline = loadConfig({ PARLEY_LOG_LEVEL: 'silent' });
  const knowledge = createKnowledgeBase({ config: offline, connection: database.connection });
  await knowledge.ingestAndWait(acme._id, [
    {
      filename: 'dental.md',
      data: new TextEncoder().encode(
        '# Dental plan\n\nThe dental plan deductible is $50 per person per year.\n\n# Parking\n\nParking permits cost $20 a month.',
      ),
    },
  ]);

  const streamed: string[] = [];
  const extractive = await askQuestion(
    database,
    offline,
    { tenant: 'ACME', question: 'What is the dental deductible?' },
    (delta) => streamed.push(delta),
  );
  assert.equal(extractive.responder, 'extractive');
  assert.match(extractive.answer, /\$50 per person per year/);
  assert.equal(streamed.join(''), extractive.answer);
  assert.equal(extractive.sources[0]?.title, 'Dental plan');
  assert.equal(extractive.sources[0]?.n, 1);

  const fake = await startFakeLlmServer(t, { reply: 'It is $50 [1].' });
  const online = loadConfig({ PARLEY_LOG_LEVEL: 'silent', OPENAI_BASE_URL: fake.openaiBaseUrl });
  const llm = await askQuestion(database, online, {
    tenant: 'acme',
    question: 'dental deductible?',
  });
  assert.equal(llm.answer, 'It is $50 [1].');
  assert.equal(llm.responder, 'openai:gpt-4o-mini > extractive');
  assert.deepEqual(llm.usage, { promptTokens: 42, completionTokens: 4 });
  const prompt = (fake.requests[0]!.body.messages as { content: string }[]).at(-1)!.content;
  assert.match(prompt, /dental plan deductible is \$50/);

  const elsewhere = await askQuestion(database, offline, {
    tenant: 'other',
    question: 'dental deductible?',
  });
  assert.deepEqual(elsewhere.sources, [], "another tenant's documents are never searched");
  await assert.rejects(askQuestion(database, offline, { tenant: 'nope', question: 'hi' }), {
    code: 'PARLEY_NOT_FOUND',
  });
});
