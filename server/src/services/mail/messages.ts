import type { MailMessage } from './mailer';

/** The password-reset email: a single-use link valid for `minutes`. */
export function passwordResetMessage(options: {
  to: string;
  link: string;
  minutes: number;
  workspace: string;
}): MailMessage {
  return {
    to: options.to,
    subject: `Reset your Parley password for ${options.workspace}`,
    text: [
      `Someone (hopefully you) asked to reset the password of ${options.to} on ${options.workspace}.`,
      '',
      `Choose a new password here within ${options.minutes} minutes:`,
      options.link,
      '',
      'The link works once. If you did not ask for this, ignore this email: your password stays the same.',
    ].join('\n'),
  };
}

/** The invitation email: a link to set a password and join a workspace. */
export function invitationMessage(options: {
  to: string;
  link: string;
  workspace: string;
  invitedBy: string;
  role: string;
  days: number;
}): MailMessage {
  return {
    to: options.to,
    subject: `You are invited to ${options.workspace} on Parley`,
    text: [
      `${options.invitedBy} invited you to administer the ${options.workspace} assistant on Parley as ${options.role}.`,
      '',
      `Set your password and sign in within ${options.days} days:`,
      options.link,
    ].join('\n'),
  };
}
