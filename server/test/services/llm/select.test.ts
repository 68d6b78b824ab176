import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../src/config';
import { selectResponder } from '../../../src/services/llm/select';
import type { Responder } from '../../../src/services/llm/types';

const extractive: Responder = { name: 'extractive', async *stream() {} };

test('select: nothing configured means the extractive responder alone, or none', () => {
  const config = loadConfig({});
  assert.equal(selectResponder(config, { extractive }), extractive);
  assert.equal(selectResponder(config), undefined);
});

test('select: OpenAI-compatible base URL alone (Ollama) is enough, then extractive as fallback', () => {
  const config = loadConfig({
    OPENAI_BASE_URL: 'http://localhost:11434/v1',
    PARLEY_LLM_MODEL: 'llama3.1',
  });
  assert.equal(selectResponder(config, { extractive })?.name, 'openai:llama3.1 > extractive');
});

test('select: both providers chain OpenAI then Anthropic; a claude model goes to Anthropic', () => {
  const both = { OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-ant-x' };
  assert.equal(
    selectResponder(loadConfig({ ...both, PARLEY_LLM_MODEL: 'claude-sonnet-4-5' }))?.name,
    'openai:gpt-4o-mini > anthropic:claude-sonnet-4-5',
  );
  assert.equal(
    selectResponder(loadConfig({ ...both, PARLEY_LLM_MODEL: 'gpt-4.1' }), { extractive })?.name,
    'openai:gpt-4.1 > anthropic:claude-3-5-haiku-latest > extractive',
  );
});

test('select: Anthropic alone takes PARLEY_LLM_MODEL whatever its name', () => {
  const config = loadConfig({ ANTHROPIC_API_KEY: 'k', PARLEY_LLM_MODEL: 'my-proxy-model' });
  assert.equal(selectResponder(config)?.name, 'anthropic:my-proxy-model');
});
