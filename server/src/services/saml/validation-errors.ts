import { SamlStatusError } from '@node-saml/passport-saml';
import { type RefusalReason, SamlRefusal } from './refusal';
import type { ResponseFacts } from './response-inspection';
import { CLOCK_SKEW_MS } from './strategy-options';

// node-saml reports failures as plain Errors; these are its messages (v5), most specific first.
const MESSAGES: [RegExp, RefusalReason][] = [
  [/InResponseTo is missing/, 'unsolicited'],
  [
    /InResponseTo (is not valid|does not match)|SubjectInResponseTo is not valid/,
    'unknown_in_response_to',
  ],
  [/not yet valid/, 'not_yet_valid'],
  [/expired/, 'expired'],
  [/audience mismatch|no AudienceRestriction|has no Audience/, 'wrong_audience'],
  [
    /multiple assertions|more than one element|does not refer to it's parent|Too many signatures/,
    'signature_wrapping',
  ],
  [/signature/i, 'signature_invalid'],
  [/Unknown SAML issuer|Missing SAML issuer/, 'wrong_issuer'],
];

function timeReason(facts: ResponseFacts | undefined, nowMs: number): RefusalReason | undefined {
  // "No valid subject confirmation" hides which bound was crossed; the timestamps tell.
  if (!facts) return undefined;
  if (facts.notOnOrAfter.some((d) => nowMs - CLOCK_SKEW_MS >= d.getTime())) return 'expired';
  if (facts.notBefore.some((d) => nowMs + CLOCK_SKEW_MS < d.getTime())) return 'not_yet_valid';
  return undefined;
}

// Other node-saml failures ("Missing SAML assertion", XML parse errors, …) are malformed input.
const SAML_VOCABULARY = /SAML|assertion|signature|XML|issuer|response|cert|NameID|subject/i;
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/**
 * Turns what node-saml threw into a {@link SamlRefusal} with a stable reason
 * (the library's message is kept for the audit log), or returns null for an
 * error that is not about the response at all (a bug, the database), which
 * the caller rethrows so it surfaces as a 5xx instead of a refused login.
 */
export function classifyValidationError(
  error: unknown,
  facts: ResponseFacts | undefined,
  nowMs = Date.now(),
): SamlRefusal | null {
  if (error instanceof SamlRefusal) return error;
  if (error instanceof SamlStatusError) return new SamlRefusal('idp_status', error.message);
  if (!(error instanceof Error) || PROGRAMMING_ERRORS.some((type) => error instanceof type)) {
    return null;
  }
  const message = error.message;
  if (/No valid subject confirmation/.test(message)) {
    return new SamlRefusal(timeReason(facts, nowMs) ?? 'wrong_recipient', message);
  }
  const match = MESSAGES.find(([pattern]) => pattern.test(message));
  if (match) return new SamlRefusal(match[1], message);
  return SAML_VOCABULARY.test(message) ? new SamlRefusal('malformed', message) : null;
}
