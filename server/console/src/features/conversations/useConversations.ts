import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { createCursorList } from '../../stores/cursor-list';
import {
  type ConversationFilters,
  type ConversationSummary,
  conversationsQuery,
  type Transcript,
} from './transcript-view';

/**
 * The conversations page's store: the list loaded so far (newest first,
 * paged by cursor) and the transcript that is open.
 */
export function createConversationsStore() {
  const list = createCursorList<ConversationSummary, ConversationFilters>(conversationsQuery, {
    q: '',
    feedback: '',
  });
  const { error } = list;
  const open = signal<Transcript | null>(null);
  const opening = signal<string | null>(null);

  return {
    ...list,
    open,
    opening,
    /** Loads and shows one transcript. */
    async show(id: string) {
      opening.value = id;
      error.value = null;
      try {
        open.value = await api<Transcript>('GET', `/api/conversations/${encodeURIComponent(id)}`);
      } catch (e) {
        error.value = errorMessage(e);
      } finally {
        opening.value = null;
      }
    },
    /** Closes the open transcript. */
    close() {
      open.value = null;
    },
  };
}

/** The store type, for props. */
export type ConversationsStore = ReturnType<typeof createConversationsStore>;
