import type { AnswerChunk, AnswerRequest, RetrievedSource } from '../../../src/services/llm/types';

/** A source as retrieval returns it, for tests. */
export function source(
  n: number,
  text: string,
  extra: Partial<RetrievedSource> = {},
): RetrievedSource {
  return {
    id: `chunk-${n}`,
    documentId: `doc-${n}`,
    title: `Handbook part ${n}`,
    text,
    snippet: text.slice(0, 80),
    score: 1 - n / 10,
    ...extra,
  };
}

/** A request for the dental question over one source. */
export function request(overrides: Partial<AnswerRequest> = {}): AnswerRequest {
  return {
    question: 'What is the dental deductible?',
    history: [],
    sources: [source(1, 'The dental plan deductible is $50 per person per year.')],
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Reads a whole answer: its text, usage and finish reason. */
export async function collect(stream: AsyncIterable<AnswerChunk>) {
  let text = '';
  let usage: { promptTokens: number; completionTokens: number } | undefined;
  let finish: string | undefined;
  let texts = 0;
  for await (const chunk of stream) {
    if (chunk.type === 'text') {
      text += chunk.delta;
      texts++;
    } else if (chunk.type === 'usage') usage = chunk;
    else finish = chunk.reason;
  }
  return { text, usage, finish, texts };
}
