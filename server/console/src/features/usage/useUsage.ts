import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import type { UsageSummary } from './usage-view';

/** Day ranges the chart offers. */
export const rangeOptions = [7, 30, 90] as const;

/** The usage store: the summary for the chosen number of days. */
export function createUsageStore() {
  const summary = signal<UsageSummary | null>(null);
  const error = signal<string | null>(null);
  const days = signal<number>(30);
  const load = async () => {
    try {
      summary.value = await api<UsageSummary>('GET', `/api/usage?days=${days.value}`);
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  };
  return {
    summary,
    error,
    days,
    load,
    setDays(value: number) {
      days.value = value;
      return load();
    },
  };
}

/** The usage store's type. */
export type UsageStore = ReturnType<typeof createUsageStore>;
