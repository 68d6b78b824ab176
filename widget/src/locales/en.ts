/** English strings; the reference catalog every other locale must match key for key. */
export const en = {
  defaultBotName: 'Assistant',
  defaultGreeting: 'Hi! How can I help you today?',
  dialogLabel: 'Chat with {name}',
  close: 'Close chat',
  newChat: 'New chat',
  messagesLabel: 'Conversation',
  placeholder: 'Type your question…',
  inputLabel: 'Your message',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  typing: '{name} is typing…',
  you: 'You',
  answerAnnouncement: '{name}: {text}',
  stopped: 'Stopped.',
  sources: 'Sources',
  startersLabel: 'Suggested questions',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  feedbackCommentLabel: 'What could be better? (optional)',
  feedbackSubmit: 'Send feedback',
  feedbackThanks: 'Thanks for your feedback.',
  poweredBy: 'Powered by Parley',
  errorQuota: 'This assistant has reached its message limit for now. Please try again later.',
  errorOffline: 'You seem to be offline. Check your connection and try again.',
  errorOrigin: 'This website is not allowed to use this assistant.',
  errorKey: 'This assistant is not set up correctly. Please tell the site owner.',
  errorRateLimited: 'You are sending messages too quickly. Please wait a moment.',
  errorTooLong: 'Your message is too long. Please shorten it.',
  errorUnavailable: 'The assistant is temporarily unavailable. Please try again soon.',
  errorInterrupted: 'The answer was interrupted. You can try again.',
  errorGeneric: 'Something went wrong. Please try again.',
};

/** A key of the message catalog. */
export type MessageKey = keyof typeof en;

/** A full catalog: every key translated. */
export type Catalog = Record<MessageKey, string>;
