import type { Catalog } from './en';

/** German strings. */
export const de: Catalog = {
  defaultBotName: 'Assistent',
  defaultGreeting: 'Hallo! Wie kann ich Ihnen heute helfen?',
  dialogLabel: 'Chat mit {name}',
  close: 'Chat schließen',
  newChat: 'Neuer Chat',
  messagesLabel: 'Unterhaltung',
  placeholder: 'Ihre Frage…',
  inputLabel: 'Ihre Nachricht',
  send: 'Senden',
  stop: 'Stopp',
  retry: 'Erneut versuchen',
  typing: '{name} schreibt…',
  you: 'Sie',
  answerAnnouncement: '{name}: {text}',
  stopped: 'Angehalten.',
  sources: 'Quellen',
  startersLabel: 'Vorgeschlagene Fragen',
  helpful: 'Hilfreich',
  notHelpful: 'Nicht hilfreich',
  feedbackCommentLabel: 'Was können wir besser machen? (optional)',
  feedbackSubmit: 'Feedback senden',
  feedbackThanks: 'Danke für Ihr Feedback.',
  poweredBy: 'Bereitgestellt von Parley',
  errorQuota:
    'Dieser Assistent hat sein Nachrichtenlimit vorerst erreicht. Bitte versuchen Sie es später.',
  errorOffline: 'Sie scheinen offline zu sein. Prüfen Sie Ihre Verbindung.',
  errorOrigin: 'Diese Website darf diesen Assistenten nicht verwenden.',
  errorKey: 'Dieser Assistent ist nicht richtig eingerichtet. Bitte informieren Sie den Betreiber.',
  errorRateLimited: 'Sie senden zu schnell Nachrichten. Bitte warten Sie einen Moment.',
  errorTooLong: 'Ihre Nachricht ist zu lang. Bitte kürzen Sie sie.',
  errorUnavailable:
    'Der Assistent ist vorübergehend nicht erreichbar. Bitte bald erneut versuchen.',
  errorInterrupted: 'Die Antwort wurde unterbrochen. Sie können es erneut versuchen.',
  errorGeneric: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};
