import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { Billing } from '../billing/index';
import { createEmbeddings } from './embedders/index';
import { KnowledgeBase } from './knowledge-base';

export {
  createEmbeddings,
  LocalHashEmbeddings,
  OpenAICompatibleEmbeddings,
} from './embedders/index';
export { ExtractiveResponder } from './extractive/responder';
export type { IngestFile } from './ingestion/pipeline';
export { KnowledgeBase } from './knowledge-base';
export { DOCUMENT_LIMITS, parseDocument } from './parsers/index';
export { KnowledgeRetriever } from './retriever';
export type { KnowledgeEmbeddings, Retriever } from './types';

/**
 * The knowledge base as the server runs it: the embedder the configuration
 * asks for, plan quotas from billing when it is on, and the vector index
 * prepared in the background (first searches and uploads wait for it).
 */
export function createKnowledgeBase(deps: {
  config: Pick<Config, 'embeddingsUrl' | 'embeddingsModel' | 'openai'>;
  connection: Connection;
  logger?: Logger;
  billing?: Billing;
}): KnowledgeBase {
  const billing = deps.billing;
  const knowledge = new KnowledgeBase({
    connection: deps.connection,
    embeddings: createEmbeddings(deps.config),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(billing
      ? {
          quota: {
            reserve: (tenantId: Types.ObjectId, bytes: number) =>
              billing.assertIngestAllowed(tenantId, bytes),
            resize: async (tenantId: Types.ObjectId, fromBytes: number, toBytes: number) => {
              await billing.ready;
              return billing.quotas.reserveResize(tenantId, fromBytes, toBytes);
            },
            removed: (tenantId: Types.ObjectId, bytes: number) =>
              billing.recordDocumentRemoved(tenantId, bytes),
          },
        }
      : {}),
  });
  knowledge.start().catch(() => undefined);
  return knowledge;
}
