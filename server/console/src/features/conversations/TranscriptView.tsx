import { dateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, Card } from '../../ui/Card';
import styles from './Conversations.module.css';
import {
  answerStats,
  askerLabel,
  citationParts,
  outcomeLabel,
  type Transcript,
  type TranscriptMessage,
} from './transcript-view';

/** Props of {@link TranscriptView}. */
export interface TranscriptViewProps {
  transcript: Transcript;
  onClose: () => void;
}

/** One conversation, message by message, with each answer's sources and feedback. */
export function TranscriptView({ transcript, onClose }: TranscriptViewProps) {
  const { conversation, messages } = transcript;
  return (
    <Card
      title={conversation.title || 'Conversation'}
      description={`${askerLabel(conversation)} · started ${dateTime(conversation.createdAt)}`}
      actions={
        <Button size="small" onClick={onClose}>
          Close
        </Button>
      }
    >
      <ol class={styles.transcript}>
        {messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </ol>
    </Card>
  );
}

function Message({ message }: { message: TranscriptMessage }) {
  const sources = message.sources ?? [];
  const outcome = message.role === 'assistant' ? outcomeLabel(message) : null;
  // Text is rendered as text (Preact escapes it): transcripts may hold hostile input.
  return (
    <li class={message.role === 'user' ? styles.question : styles.answer}>
      <div class={styles.meta}>
        <strong>{message.role === 'user' ? 'Question' : 'Answer'}</strong> ·{' '}
        {dateTime(message.createdAt)}
        {outcome && (
          <>
            {' '}
            <Badge tone={outcome.tone}>{outcome.text}</Badge>
          </>
        )}
        {message.feedback && (
          <>
            {' '}
            <Badge tone={message.feedback.rating === 'up' ? 'success' : 'danger'}>
              {message.feedback.rating === 'up' ? 'Rated helpful' : 'Rated unhelpful'}
            </Badge>
          </>
        )}
      </div>
      <p class={styles.content}>
        {citationParts(message.content, sources.length).map((part, i) =>
          'cite' in part ? (
            <a key={i} href={`#source-${message.id}-${part.cite}`} class={styles.cite}>
              [{part.cite}]
            </a>
          ) : (
            part.text
          ),
        )}
      </p>
      {message.feedback?.comment && (
        <blockquote class={styles.comment}>{message.feedback.comment}</blockquote>
      )}
      {sources.length > 0 && (
        <ol class={styles.sources} aria-label="Sources">
          {sources.map((source, i) => (
            <li key={source.id} id={`source-${message.id}-${i + 1}`}>
              <strong>{source.title}</strong>
              {source.heading && <> · {source.heading}</>}{' '}
              <small>(score {source.score.toFixed(2)})</small>
              {source.url && /^https?:\/\//.test(source.url) && (
                <>
                  {' '}
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    open
                  </a>
                </>
              )}
              <div class={styles.snippet}>{source.snippet}</div>
            </li>
          ))}
        </ol>
      )}
      {message.role === 'assistant' && <div class={styles.stats}>{answerStats(message)}</div>}
    </li>
  );
}
