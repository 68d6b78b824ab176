/** Public surface of the server package, for tests, benchmarks and embedding. */
export { type AppDeps, createApp } from './app';
export { type Config, ConfigError, loadConfig } from './config';
export { connectDatabase, connectMongo, type Database } from './db/connect';
export {
  DataDirLockedError,
  type EmbeddedMongo,
  type EmbeddedMongoOptions,
  startEmbeddedMongo,
} from './db/embedded/index';
export { demoHandbookFiles, ingestDemoHandbook } from './demo/handbook/ingest';
export { type DemoSeed, demoAdmin, demoPublishableKey, seedDemo } from './demo/seed';
export { type ErrorCode, errorCatalogue, ParleyError } from './errors';
export { createLogger } from './logger';
export {
  Billing,
  type ChatReservation,
  createBilling,
  type IngestReservation,
  loadPlanCatalogue,
  type PlanCatalogue,
} from './services/billing/index';
export {
  type AdmissionCheck,
  type ChatModule,
  type ChatTenant,
  createChat,
  createChatFromConfig,
  type Retriever as ChatRetriever,
} from './services/chat/index';
export {
  createKnowledgeBase,
  ExtractiveResponder,
  KnowledgeBase,
  KnowledgeRetriever,
  LocalHashEmbeddings,
} from './services/knowledge/index';
export {
  type AnswerChunk,
  type AnswerRequest,
  AnthropicResponder,
  buildGroundedPrompt,
  FallbackResponder,
  OpenAiResponder,
  ProviderError,
  type Responder,
  type RetrievedSource,
  selectResponder,
} from './services/llm/index';
export { type AccessServices, createAccessServices } from './services/tenants/access';
export { version } from './version';
