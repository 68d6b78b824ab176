import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ParleyError, toErrorBody } from '../errors';

/** 404 for any route nobody answered, in the catalogue's shape. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new ParleyError('PARLEY_NOT_FOUND'));
};

/**
 * The one error middleware: renders `{error:{code,message}}`. Unknown errors
 * are logged with their stack and answered with a generic 500.
 */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  let err: unknown = error;
  // body-parser signals malformed JSON and oversize bodies with `type`.
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    err = new ParleyError('PARLEY_BAD_REQUEST', { message: 'The request body is not valid JSON.' });
  } else if (type === 'entity.too.large') {
    err = new ParleyError('PARLEY_REQUEST_TOO_LARGE');
  }
  const { status, body } = toErrorBody(err);
  if (status >= 500) req.log?.error({ err: error }, 'request failed');
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof ParleyError) {
    for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  }
  res.status(status).json(body);
};
