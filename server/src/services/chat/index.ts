/** The chat pipeline's public surface (see docs/chat.md). */
export {
  type AdmissionCheck,
  type AdmissionTicket,
  type AnswerReport,
  ChatService,
  type ChatTenant,
  type Retriever,
} from './chat-service';
export { type ChatModule, createChat, createChatFromConfig } from './create-chat';
export { type Owner, OwnerTokens } from './owner-token';
export { StreamRegistry, type StreamTimings } from './stream-registry';
