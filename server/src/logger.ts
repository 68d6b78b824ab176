import { type Logger, pino } from 'pino';

/** Creates the JSON logger. Secrets that may appear in headers are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-parley-key"]'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
