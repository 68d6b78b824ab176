import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { ExtractiveResponder } from '../knowledge/extractive/responder';
import { selectResponder } from '../llm/select';
import type { Responder } from '../llm/types';
import {
  type AdmissionCheck,
  type AnswerReport,
  ChatService,
  type Retriever,
} from './chat-service';
import { ChatWriter } from './chat-writer';
import { OwnerTokens } from './owner-token';
import { StreamBufferStore } from './stream-buffer-store';
import { StreamRegistry, type StreamTimings } from './stream-registry';

/** Everything the chat routes use, built once per app. */
export interface ChatModule {
  connection: Connection;
  service: ChatService;
  registry: StreamRegistry;
  tokens: OwnerTokens;
  /**
   * Shutdown, before the database closes: aborts the answers still running
   * on this instance, waits for them to be stored, then writes the pending
   * stream buffers and batched message writes.
   */
  close(): Promise<void>;
}

/** Inputs of {@link createChat}. */
export interface ChatModuleDeps {
  connection: Connection;
  logger: Logger;
  /** Signs owner tokens; every instance must share it (`PARLEY_SESSION_SECRET`). */
  secret: string;
  retriever: Retriever;
  responder: Responder;
  admission?: AdmissionCheck[];
  onAnswer?: (report: AnswerReport) => void;
  timings?: Partial<StreamTimings>;
  /** How long a finished stream can still be resumed, in ms. */
  bufferTtlMs?: number;
  topK?: number;
  /** How long `close` waits for aborted answers to be stored, in ms. */
  drainMs?: number;
}

/** Wires the chat pipeline: stores, stream registry, owner tokens and the service. */
export function createChat(deps: ChatModuleDeps): ChatModule {
  const store = new StreamBufferStore(deps.connection, deps.bufferTtlMs ?? 15 * 60_000);
  const registry = new StreamRegistry(store, deps.logger, deps.timings);
  const writer = new ChatWriter(deps.connection);
  const service = new ChatService({
    writer,
    connection: deps.connection,
    retriever: deps.retriever,
    responder: deps.responder,
    registry,
    logger: deps.logger,
    admission: deps.admission,
    onAnswer: deps.onAnswer,
    topK: deps.topK,
  });
  return {
    connection: deps.connection,
    service,
    registry,
    tokens: new OwnerTokens(deps.secret),
    close: async () => {
      // By now the server has closed its connections, so a run still going has
      // no reader here (or one on another instance): end it as an abandoned
      // answer would end, storing what was said, rather than lose it with the process.
      registry.abortAll('aborted');
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deps.drainMs ?? 5000);
      });
      // A responder that ignores its abort signal must not hold the shutdown forever.
      await Promise.race([service.drain(), limit]);
      clearTimeout(timer);
      // Answers enqueue their last writes while draining: the buffers and the writer go last.
      await registry.close();
      await writer.close();
    },
  };
}

/** What tests and benchmarks may replace in the chat pipeline the app builds. */
export interface ChatOverrides {
  retriever?: Retriever;
  responder?: Responder;
  timings?: Partial<StreamTimings>;
  heartbeatMs?: number;
  onAnswer?: (report: AnswerReport) => void;
}

/** Retrieval until the knowledge area wires its retriever into the app: no sources. */
const noSources: Retriever = { retrieve: async () => [] };

/**
 * Builds the chat module the way the server runs it: responders chosen
 * from the environment (OpenAI-compatible, Anthropic, then the extractive
 * responder as the offline fallback), owner tokens signed with the
 * session secret.
 */
export function createChatFromConfig(deps: {
  config: Config;
  connection: Connection;
  logger: Logger;
  admission?: AdmissionCheck[];
  overrides?: ChatOverrides;
}): ChatModule {
  const { config, logger, overrides = {} } = deps;
  const responder =
    overrides.responder ??
    selectResponder(config, {
      extractive: new ExtractiveResponder(),
      onFallback: (failed, error, next) =>
        logger.warn({ err: error, failed: failed.name, next: next.name }, 'answer fell back'),
    }) ??
    new ExtractiveResponder();
  return createChat({
    connection: deps.connection,
    logger,
    secret: config.sessionSecret,
    retriever: overrides.retriever ?? noSources,
    responder,
    admission: deps.admission,
    onAnswer: overrides.onAnswer,
    timings: overrides.timings,
  });
}
