import type { MessageKey } from '../locales';

/**
 * Maps a failure to the friendly, localised sentence the visitor sees. The
 * HTTP status decides (it is part of DESIGN.md's protocol), so codes other
 * areas add later still land somewhere sensible; failures without one are
 * the widget's own (offline, interrupted) or stated mid-stream.
 */
export function errorMessageKey(error: { code: string; status?: number }): MessageKey {
  const { code, status = 0 } = error;
  if (code === 'PARLEY_WIDGET_OFFLINE') return 'errorOffline';
  if (code === 'PARLEY_WIDGET_INTERRUPTED') return 'errorInterrupted';
  if (status === 402) return 'errorQuota';
  if (status === 403) return 'errorOrigin';
  if (status === 401) return 'errorKey';
  if (status === 429) return 'errorRateLimited';
  if (status === 413) return 'errorTooLong';
  if (status >= 500 || code === 'PARLEY_WIDGET_NETWORK') return 'errorUnavailable';
  return 'errorGeneric';
}
