/** One outgoing email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail. Pluggable so deployments can add SMTP or an email API; the
 * default writes messages to the log, which is enough for a demo and for
 * operators who copy links by hand.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Minimal logger shape (pino's), so this module does not depend on the app's logger. */
interface InfoLogger {
  info(object: object, message: string): void;
}

/** The default mailer: logs each message (recipient, subject and body) at info level. */
export class LogMailer implements Mailer {
  constructor(private readonly logger: InfoLogger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: message }, `mail to ${message.to}: ${message.subject}`);
  }
}

/** Keeps messages in memory; tests read `sent` to follow links. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }

  /** The last message sent to an address, if any. */
  lastTo(address: string): MailMessage | undefined {
    return this.sent.findLast((m) => m.to === address);
  }
}
