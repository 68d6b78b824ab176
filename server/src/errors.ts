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
  PARLEY_AUTH_KEY_MISSING: {
    status: 401,
    message:
      'An API key is required: send X-Parley-Key (widget) or Authorization: Bearer sk_… (admin).',
  },
  PARLEY_AUTH_KEY_INVALID: { status: 401, message: 'The API key is unknown, revoked or expired.' },
  PARLEY_AUTH_REQUIRED: { status: 401, message: 'Sign in or send a secret API key.' },
  PARLEY_AUTH_INVALID_CREDENTIALS: { status: 401, message: 'The email or password is incorrect.' },
  PARLEY_AUTH_FORBIDDEN: { status: 403, message: 'Your role does not allow this action.' },
  PARLEY_AUTH_CSRF_FAILED: {
    status: 403,
    message: 'The request lacks a valid CSRF token; reload the page and try again.',
  },
  PARLEY_AUTH_TOKEN_INVALID: {
    status: 400,
    message: 'This link is invalid, already used or expired.',
  },
  PARLEY_AUTH_LOGIN_THROTTLED: {
    status: 429,
    message: 'Too many sign-in attempts; try again later.',
  },
  PARLEY_TENANT_SUSPENDED: { status: 403, message: 'This workspace is suspended.' },
  PARLEY_TENANT_SLUG_TAKEN: { status: 409, message: 'Another workspace already uses this slug.' },
  PARLEY_ORIGIN_NOT_ALLOWED: {
    status: 403,
    message: "This site is not in the workspace's allowed origins.",
  },
  PARLEY_RATE_LIMITED: { status: 429, message: 'Too many requests; slow down and retry later.' },
  PARLEY_USER_EXISTS: { status: 409, message: 'A user with this email already exists.' },
  PARLEY_USER_LAST_OWNER: { status: 409, message: 'A workspace must keep at least one owner.' },
  PARLEY_CHAT_PROVIDER_FAILED: {
    status: 502,
    message: 'The answer service failed; please try again.',
  },
  PARLEY_CHAT_PROVIDER_TIMEOUT: {
    status: 504,
    message: 'The answer service took too long to respond.',
  },
  PARLEY_CHAT_STREAM_NOT_FOUND: {
    status: 404,
    message: 'This answer stream has expired or never existed.',
  },
  PARLEY_CHAT_STREAM_LOST: {
    status: 503,
    message: 'The server producing this answer went away; please ask again.',
  },
  PARLEY_CONVERSATION_NOT_FOUND: {
    status: 404,
    message: 'This conversation does not exist or is not yours.',
  },
  PARLEY_MESSAGE_NOT_FOUND: {
    status: 404,
    message: 'This message does not exist or is not yours.',
  },
  PARLEY_VISITOR_TOKEN_REQUIRED: {
    status: 401,
    message: 'Send the visitor token (X-Parley-Visitor) or a verified identity.',
  },
  PARLEY_IDENTITY_INVALID: { status: 401, message: 'The user identity could not be verified.' },
  PARLEY_CHAT_QUOTA_EXCEEDED: {
    status: 402,
    message: 'This assistant has used all the messages its plan allows this month.',
  },
  PARLEY_PLAN_LIMIT_REACHED: {
    status: 402,
    message: 'The plan limit for this resource is reached.',
  },
  PARLEY_PLAN_FEATURE_UNAVAILABLE: {
    status: 402,
    message: 'The current plan does not include this feature.',
  },
  PARLEY_BILLING_NOT_CONFIGURED: {
    status: 501,
    message: 'Billing is off on this server: Stripe is not configured.',
  },
  PARLEY_BILLING_PLAN_UNAVAILABLE: {
    status: 400,
    message: 'This plan cannot be bought online.',
  },
  PARLEY_BILLING_NO_CUSTOMER: {
    status: 409,
    message: 'This workspace has no Stripe customer yet; subscribe to a plan first.',
  },
  PARLEY_BILLING_PROVIDER_FAILED: {
    status: 502,
    message: 'Stripe did not answer as expected; please try again.',
  },
  PARLEY_STRIPE_SIGNATURE_MISSING: {
    status: 400,
    message: 'The Stripe-Signature header is missing.',
  },
  PARLEY_STRIPE_SIGNATURE_INVALID: {
    status: 400,
    message: 'The Stripe-Signature header does not match the payload.',
  },
  PARLEY_STRIPE_TIMESTAMP_STALE: {
    status: 400,
    message: 'The Stripe-Signature timestamp is outside the tolerance window.',
  },
  PARLEY_STRIPE_EVENT_IN_PROGRESS: {
    status: 409,
    message: 'This Stripe event is being processed by another delivery; retry later.',
  },
  PARLEY_DOCUMENT_UNSUPPORTED_TYPE: {
    status: 415,
    message: 'This file type is not supported; upload Markdown, plain text, HTML, PDF or DOCX.',
  },
  PARLEY_DOCUMENT_TOO_LARGE: { status: 413, message: 'The file is too large.' },
  PARLEY_DOCUMENT_CORRUPT: {
    status: 422,
    message: 'The file could not be read; it may be damaged.',
  },
  PARLEY_DOCUMENT_EMPTY: { status: 422, message: 'The file contains no text to index.' },
  PARLEY_DOCUMENT_NOT_FOUND: { status: 404, message: 'The document does not exist.' },
  PARLEY_INGEST_JOB_NOT_FOUND: { status: 404, message: 'The ingestion job does not exist.' },
  PARLEY_INGEST_INTERRUPTED: {
    status: 503,
    message: 'Indexing stopped because the server doing it went away; upload the file again.',
  },
  PARLEY_EMBEDDINGS_FAILED: {
    status: 502,
    message: 'The embeddings provider failed or returned an invalid answer.',
  },
  PARLEY_SSO_METADATA_INVALID: {
    status: 400,
    message: 'The identity provider metadata could not be used.',
  },
  PARLEY_SSO_CERTIFICATE_INVALID: {
    status: 400,
    message: 'An identity provider signing certificate could not be used.',
  },
  PARLEY_SSO_NOT_ENABLED: {
    status: 404,
    message: 'Single sign-on is not enabled for this workspace.',
  },
  PARLEY_SSO_RESPONSE_REFUSED: {
    status: 401,
    message: "The identity provider's response was refused.",
  },
  PARLEY_SSO_USER_REFUSED: {
    status: 403,
    message: 'This account may not sign in to this workspace through single sign-on.',
  },
  PARLEY_SSO_REQUIRED: {
    status: 403,
    message: 'This workspace signs in through its identity provider.',
  },
  PARLEY_THEME_CONFLICT: {
    status: 412,
    message: 'The theme was changed by someone else since you loaded it. Reload it and try again.',
  },
  PARLEY_THEME_VERSION_NOT_FOUND: { status: 404, message: 'There is no such theme version.' },
  PARLEY_ASSET_UNSUPPORTED_TYPE: {
    status: 415,
    message: 'Upload a PNG, JPEG, WebP or SVG image.',
  },
  PARLEY_ASSET_TOO_LARGE: { status: 413, message: 'The image is too large.' },
  PARLEY_ASSET_INVALID: {
    status: 422,
    message: 'The image could not be read or is not safe to show.',
  },
  PARLEY_ASSET_NOT_FOUND: { status: 404, message: 'There is no such image.' },
  PARLEY_REQUEST_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
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
