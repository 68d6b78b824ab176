import type { Theme } from '@parley/theme-kit';
import { ApiError } from '../../lib/api';
import { csrfToken, session } from '../../stores/session-state';

/** The saved theme and the revision it was saved as (sent back as `If-Match`). */
export interface SavedTheme {
  theme: Theme;
  revision: number;
}

/** One entry of `GET /api/theme/versions`. */
export interface RevisionSummary {
  revision: number;
  createdAt: string;
  author: { type: string; label: string };
  restoredFrom: number | null;
  name: string | null;
}

/** What an upload answers. */
export interface UploadedAsset {
  path: string;
  url: string;
  type: string;
  width: number | null;
  height: number | null;
  sanitised: boolean;
}

/**
 * The theme endpoints need headers the shared JSON client does not send
 * (`If-Match`) and read one it does not return (`ETag`), so they have this
 * small client of their own, with the same CSRF and error handling.
 */
async function call(
  method: string,
  path: string,
  init: { body?: BodyInit; json?: unknown; ifMatch?: number } = {},
) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.ifMatch !== undefined) headers['if-match'] = `"r${init.ifMatch}"`;
  const token = csrfToken.value;
  if (token && method !== 'GET') headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'The server could not be reached. Check your connection and try again.',
    );
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (
      data as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    if (res.status === 401 && error?.code === 'PARLEY_AUTH_REQUIRED') session.value = null;
    throw new ApiError(
      res.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The server answered ${res.status}.`,
      error?.details,
    );
  }
  return { data, revision: Number(res.headers.get('parley-theme-revision') ?? Number.NaN) };
}

/** `GET /api/theme`. */
export async function loadTheme(): Promise<SavedTheme> {
  const { data, revision } = await call('GET', '/api/theme');
  return { theme: data as Theme, revision };
}

/** `PUT /api/theme`, refused with `PARLEY_THEME_CONFLICT` if someone saved since `revision`. */
export async function saveTheme(theme: Theme, revision: number): Promise<SavedTheme> {
  const result = await call('PUT', '/api/theme', { json: theme, ifMatch: revision });
  return { theme: result.data as Theme, revision: result.revision };
}

/** `GET /api/theme/versions`. */
export async function loadHistory(): Promise<RevisionSummary[]> {
  const { data } = await call('GET', '/api/theme/versions?limit=20');
  return (data as { revisions: RevisionSummary[] }).revisions;
}

/** `POST /api/theme/versions/:revision/restore`. */
export async function restoreRevision(from: number, current: number): Promise<SavedTheme> {
  const result = await call('POST', `/api/theme/versions/${from}/restore`, { ifMatch: current });
  return { theme: result.data as Theme, revision: result.revision };
}

/** `POST /api/theme/assets` with one image. */
export async function uploadAsset(file: File): Promise<UploadedAsset> {
  const form = new FormData();
  form.append('file', file);
  const { data } = await call('POST', '/api/theme/assets', { body: form });
  return data as UploadedAsset;
}
