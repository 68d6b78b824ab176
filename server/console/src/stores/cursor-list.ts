import { signal } from '@preact/signals';
import { errorMessage } from '../lib/api';
import { api } from './api';

/** One page of a cursor-paged admin list (`{ items, nextCursor }`). */
interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A filtered list paged by cursor, as the audit log and the conversations
 * page show it: the items loaded so far, the next cursor, loading and error.
 * `query` builds the request path for the filters and a cursor.
 */
export function createCursorList<T, F>(
  query: (filters: F, cursor: string | null) => string,
  initialFilters: F,
) {
  const items = signal<T[] | null>(null);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  let filters = initialFilters;
  const fetchPage = async (cursor: string | null) => {
    loading.value = true;
    error.value = null;
    try {
      const page = await api<CursorPage<T>>('GET', query(filters, cursor));
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
    /** Applies new filters and loads their first page. */
    search(newFilters: F) {
      filters = newFilters;
      return fetchPage(null);
    },
    /** Appends the next page. */
    more() {
      return fetchPage(next.value);
    },
  };
}
