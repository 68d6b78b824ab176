import { randomUUID } from 'node:crypto';
import type { SseWriter } from '../../http/sse';
import { sampleQuestion } from './preview-frame';

/** The widget config the preview frames load: sample texts, no tenant data, no theme (the editor applies it). */
export const previewConfig = {
  tenant: { name: 'Preview', slug: 'preview' },
  widget: {
    botName: 'Assistant',
    greeting: 'Hi! Ask me anything about our policies and benefits.',
    starters: [sampleQuestion, 'How do I request parental leave?'],
    placeholder: 'Ask a question…',
    position: 'bottom-right',
    locale: 'en',
    avatarUrl: null,
    linkTarget: '_blank',
    poweredBy: true,
  },
  theme: { version: 0, variables: {}, dark: {}, fontUrl: null },
};

const answer = [
  'Your dental plan has a **$50 deductible** per person each calendar year ',
  '($150 per family). Preventive care — cleanings, exams and X-rays — is ',
  'covered *before* the deductible, so those visits cost you nothing.\n\n',
  'After the deductible, basic work such as fillings is covered at 80%.',
];

/** Streams the canned sample answer with the chat protocol's events (DESIGN.md). */
export function streamSampleAnswer(sse: SseWriter): void {
  const conversationId = `preview-${randomUUID()}`;
  const messageId = `preview-${randomUUID()}`;
  let seq = 0;
  const id = () => `${messageId}:${seq++}`;
  sse.send({ id: id(), event: 'meta', data: { conversationId, messageId } });
  sse.send({
    id: id(),
    event: 'sources',
    data: [
      {
        id: 'preview-source-1',
        title: 'Benefits guide 2025 — Dental',
        snippet: 'The annual deductible is $50 per person, $150 per family…',
        score: 0.82,
      },
    ],
  });
  for (const delta of answer) sse.send({ id: id(), event: 'token', data: { delta } });
  sse.send({
    id: id(),
    event: 'done',
    data: { messageId, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0 } },
  });
  sse.end();
}
