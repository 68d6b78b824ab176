/** An error answered by the Parley API, with its stable catalogue code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field messages from a `PARLEY_VALIDATION_FAILED` answer, keyed by dotted path. */
  fieldErrors(): Record<string, string> {
    const issues = (this.details as { issues?: { path: string; message: string }[] } | undefined)
      ?.issues;
    const out: Record<string, string> = {};
    for (const issue of issues ?? []) out[issue.path] ??= issue.message;
    return out;
  }
}

/** What the API client needs from the page: where to send, the CSRF token, what to do on 401. */
export interface ApiClientOptions {
  fetch?: typeof fetch;
  csrfToken(): string | null;
  onUnauthorized?(): void;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A small JSON client for `/api`: same-origin cookies, the CSRF token on
 * state-changing requests, and errors turned into {@link ApiError}.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = options.csrfToken();
    if (token && unsafe.has(method)) headers['x-csrf-token'] = token;
    let res: Response;
    try {
      res = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(
        0,
        'NETWORK',
        'The server could not be reached. Check your connection and try again.',
      );
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string; details?: unknown } })
      | null;
    if (!res.ok) {
      const error = data?.error;
      if (res.status === 401 && error?.code === 'PARLEY_AUTH_REQUIRED') options.onUnauthorized?.();
      throw new ApiError(
        res.status,
        error?.code ?? 'HTTP_ERROR',
        error?.message ?? `The server answered ${res.status}.`,
        error?.details,
      );
    }
    return data as T;
  };
}

/** The message to show for any error thrown by an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
