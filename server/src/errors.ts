/**
 * The one error catalogue. Every error the API returns has a stable code
 * listed here with its HTTP status and default message. Codes are never
 * reused or renamed: clients and the widget switch on them.
 */
export const errorCatalogue = {
  PARLEY_BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  PARLEY_VALIDATION_FAILED: { status: 400, message: 'Some fields are invalid.' },
  PARLEY_NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  PARLEY_CHAT_MESSAGE_TOO_LONG: {
    status: 413,
    message: 'The message is too long.',
  },
  PARLEY_INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  PARLEY_DATABASE_UNAVAILABLE: { status: 503, message: 'The database is not reachable.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A code from {@link errorCatalogue}. */
export type ErrorCode = keyof typeof errorCatalogue;

/** An error the API can render: a catalogue code, a message and optional details. */
export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Extra response headers, e.g. `Retry-After` for rate limits. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message);
    this.name = 'ParleyError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** The JSON body every error response carries. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Renders an error as the wire body; unknown errors never leak their message. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ParleyError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body };
  }
  return {
    status: 500,
    body: { error: { code: 'PARLEY_INTERNAL', message: errorCatalogue.PARLEY_INTERNAL.message } },
  };
}
