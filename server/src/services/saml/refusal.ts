/**
 * Why an SSO attempt was refused. These strings are stable: they go into the
 * audit log, the error's `details.reason`, and the admin's Test connection
 * popup, so admins and scripts can switch on them.
 */
export type RefusalReason =
  | 'malformed'
  | 'sso_disabled'
  | 'not_a_response'
  | 'idp_status'
  | 'response_unsigned'
  | 'assertion_unsigned'
  | 'weak_algorithm'
  | 'signature_invalid'
  | 'signature_wrapping'
  | 'encrypted_assertion'
  | 'wrong_issuer'
  | 'wrong_destination'
  | 'wrong_recipient'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'unknown_in_response_to'
  | 'unsolicited'
  | 'replay'
  | 'no_email'
  | 'not_provisioned'
  | 'not_assigned'
  | 'user_disabled'
  | 'seat_limit';

/** Reasons that concern the person rather than the message: answered 403, not 401. */
export const USER_REASONS: ReadonlySet<RefusalReason> = new Set([
  'no_email',
  'not_provisioned',
  'not_assigned',
  'user_disabled',
  'seat_limit',
]);

/** A refused SSO attempt: a stable reason and a sentence for the audit log. */
export class SamlRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'SamlRefusal';
  }
}
