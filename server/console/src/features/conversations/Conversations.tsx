import { useEffect, useMemo, useState } from 'preact/hooks';
import { dateTime, relativeTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import styles from './Conversations.module.css';
import { TranscriptView } from './TranscriptView';
import { askerLabel, type ConversationFilters, type ConversationSummary } from './transcript-view';
import { createConversationsStore } from './useConversations';

/**
 * The conversations page: what people asked the assistant, newest first,
 * filterable by feedback and words of the question; opening one shows the
 * transcript with each answer's sources, rating, timings and token usage.
 */
export function Conversations() {
  const store = useMemo(createConversationsStore, []);
  const [filters, setFilters] = useState<ConversationFilters>({ q: '', feedback: '' });
  useEffect(() => {
    void store.search(filters);
  }, [store]);
  const items = store.items.value;
  const open = store.open.value;
  return (
    <>
      <PageHeader
        title="Conversations"
        description="What people asked the assistant, what it answered and which documents it cited."
      />
      <Card>
        <form
          class={styles.filters}
          onSubmit={(e) => {
            e.preventDefault();
            void store.search(filters);
          }}
        >
          <Field label="Question contains">
            {({ id }) => (
              <input
                id={id}
                class={inputClass}
                type="search"
                value={filters.q}
                onInput={(e) => setFilters({ ...filters, q: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field label="Feedback">
            {({ id }) => (
              <select
                id={id}
                class={inputClass}
                value={filters.feedback}
                onChange={(e) =>
                  setFilters({
                    ...filters,
                    feedback: e.currentTarget.value as ConversationFilters['feedback'],
                  })
                }
              >
                <option value="">Any</option>
                <option value="down">Rated unhelpful</option>
                <option value="up">Rated helpful</option>
              </select>
            )}
          </Field>
          <div class={styles.filterAction}>
            <Button type="submit" variant="primary" busy={store.loading.value}>
              Search
            </Button>
          </div>
        </form>
      </Card>
      <ErrorAlert message={store.error.value} />
      {open && <TranscriptView transcript={open} onClose={() => store.close()} />}
      <Card>
        {items === null ? (
          <p class={ui.empty}>Loading…</p>
        ) : items.length === 0 ? (
          <p class={ui.empty}>
            No conversations match. Once people use the assistant, they appear here.
          </p>
        ) : (
          <table class={ui.table}>
            <caption class="visually-hidden">Conversations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">First question</th>
                <th scope="col">Who</th>
                <th scope="col">Messages</th>
                <th scope="col">Feedback</th>
                <th scope="col">Last message</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <Row
                  key={item.id}
                  item={item}
                  busy={store.opening.value === item.id}
                  onOpen={() => void store.show(item.id)}
                />
              ))}
            </tbody>
          </table>
        )}
        {store.next.value && (
          <div class={styles.more}>
            <Button onClick={() => void store.more()} busy={store.loading.value}>
              Load older conversations
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}

function Row({
  item,
  busy,
  onOpen,
}: {
  item: ConversationSummary;
  busy: boolean;
  onOpen: () => void;
}) {
  return (
    <tr>
      <td>
        <Button
          variant="ghost"
          size="small"
          busy={busy}
          onClick={onOpen}
          class={styles.titleButton}
        >
          {item.title || '(empty question)'}
        </Button>
      </td>
      <td>{askerLabel(item)}</td>
      <td>{item.messageCount}</td>
      <td>
        {item.feedback.up > 0 && <Badge tone="success">{item.feedback.up} helpful</Badge>}{' '}
        {item.feedback.down > 0 && <Badge tone="danger">{item.feedback.down} unhelpful</Badge>}
        {item.feedback.up + item.feedback.down === 0 && '—'}
      </td>
      <td title={dateTime(item.lastMessageAt)}>{relativeTime(item.lastMessageAt)}</td>
    </tr>
  );
}
