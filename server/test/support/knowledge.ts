import type { TestContext } from 'node:test';
import { usageSummary } from '../../src/services/billing/views';
import { createKnowledgeBase } from '../../src/services/knowledge/index';
import { billingFixture } from '../services/billing/fixture';

/** No embeddings provider configured: the knowledge base uses the built-in local embedder. */
export const offlineKnowledgeConfig = {
  openai: { apiKey: undefined, baseUrl: undefined },
  embeddingsUrl: undefined,
  embeddingsModel: undefined,
};

/**
 * A knowledge base with billing on, over a real embedded store, and one
 * tenant; `stored()` reads that tenant's stored documents and bytes as the
 * usage meter shows them. Closed when the test ends.
 */
export async function billedKnowledgeBase(t: TestContext) {
  const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
  const knowledge = createKnowledgeBase({
    config: offlineKnowledgeConfig,
    connection: database.connection,
    billing,
  });
  t.after(() => knowledge.close());
  const tenant = await newTenant();
  const stored = async () => (await usageSummary(billing, tenant, 1)).stored;
  return { billing, database, knowledge, newTenant, tenant, stored };
}
