import type { Document } from 'bson';

/**
 * MongoDB's error codes this store answers with. Names and numbers are
 * MongoDB's own (src/mongo/base/error_codes.yml) so drivers and mongoose
 * classify them exactly as they would a real server's.
 */
export const Codes = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  InvalidPipelineOperator: 168,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NotImplemented: 238,
  OperationNotSupportedInTransaction: 263,
  NoSuchTransaction: 251,
  TransactionTooOld: 225,
  WriteConflict: 112,
  CommandNotSupported: 115,
  InvalidIndexSpecificationOption: 197,
  CannotCreateIndex: 67,
  DocumentValidationFailure: 121,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  Location40324: 40324,
  Location40323: 40323,
  Location40602: 40602,
  InternalError: 1,
  Unauthorized: 13,
  ConflictingOperationInProgress: 117,
} as const;

const names = new Map<number, string>(Object.entries(Codes).map(([name, code]) => [code, name]));

/** An error to send back as `{ ok: 0, errmsg, code, codeName, ... }`. */
export class MongoCommandError extends Error {
  override name = 'MongoCommandError';
  constructor(
    readonly code: number,
    message: string,
    /** Extra reply fields, e.g. `keyPattern`/`keyValue` for duplicate keys. */
    readonly extra: Document = {},
    readonly labels: string[] = [],
  ) {
    super(message);
  }

  /** The error as a command reply document. */
  toReply(): Document {
    const reply: Document = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: names.get(this.code) ?? 'UnknownError',
      ...this.extra,
    };
    if (this.labels.length) reply.errorLabels = this.labels;
    return reply;
  }

  /** The error as one entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Shorthand for "this feature is not available in the embedded store". */
export function unsupported(feature: string, code: number = Codes.NotImplemented): never {
  throw new MongoCommandError(code, `${feature} is not supported by the Parley embedded store`);
}

/** Converts anything thrown inside a command (mingo errors included) into a reply error. */
export function toCommandError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // mingo reports bad operators and malformed expressions as plain errors: these are
  // the caller's mistakes, so they map to BadValue rather than an internal error.
  return new MongoCommandError(Codes.BadValue, message);
}
