import type { MessageKey } from '../locales';

/**
 * Maps a failure to the friendly, localised sentence the visitor sees. The
 * HTTP status decides first (it is part of DESIGN.md's protocol), then the
 * code's wording, so codes other areas add later still land somewhere sensible.
 */
export function errorMessageKey(error: { code: string; status?: number }): MessageKey {
  const { code, status } = error;
  if (code === 'PARLEY_WIDGET_OFFLINE') return 'errorOffline';
  if (code === 'PARLEY_WIDGET_INTERRUPTED') return 'errorInterrupted';
  if (status === 402 || /QUOTA/.test(code)) return 'errorQuota';
  if (status === 403 || /ORIGIN/.test(code)) return 'errorOrigin';
  if (status === 401 || /_KEY/.test(code)) return 'errorKey';
  if (status === 429 || /RATE/.test(code)) return 'errorRateLimited';
  if (status === 413 || /TOO_LONG/.test(code)) return 'errorTooLong';
  if ((status ?? 0) >= 500 || code === 'PARLEY_WIDGET_NETWORK') return 'errorUnavailable';
  return 'errorGeneric';
}
