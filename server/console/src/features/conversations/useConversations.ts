import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
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
  const items = signal<ConversationSummary[] | null>(null);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const open = signal<Transcript | null>(null);
  const opening = signal<string | null>(null);
  let filters: ConversationFilters = { q: '', feedback: '' };

  const fetchPage = async (cursor: string | null) => {
    loading.value = true;
    error.value = null;
    try {
      const page = await api<{ items: ConversationSummary[]; nextCursor: string | null }>(
        'GET',
        conversationsQuery(filters, cursor),
      );
      items.value = cursor ? [...(items.value ?? []), ...page.items] : page.items;
      next.value = page.nextCursor;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  };

  return {
    items,
    next,
    loading,
    error,
    open,
    opening,
    /** Applies filters and loads their first page. */
    search(newFilters: ConversationFilters) {
      filters = newFilters;
      return fetchPage(null);
    },
    /** Appends the next page. */
    more() {
      return fetchPage(next.value);
    },
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
