import Stripe from 'stripe';
import type { Config } from '../../config';
import { version } from '../../version';

/** The API version this code is written against: the pinned package's own. */
export const stripeApiVersion = '2025-10-29.clover' satisfies Stripe.LatestApiVersion;

/** Network options for reaching a Stripe-compatible API at another base URL. */
export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Splits `STRIPE_API_URL` into the client's host/port/protocol options. */
export function stripeEndpoint(apiUrl: string): StripeEndpoint {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

/**
 * Builds the Stripe client from the configuration, or `null` when billing
 * is off (`STRIPE_SECRET_KEY` unset). Retries are left to the callers'
 * idempotency keys and to the meter job, so one network retry is enough.
 */
export function createStripeClient(
  stripe: Config['stripe'],
  options: { maxNetworkRetries?: number; timeoutMs?: number } = {},
): Stripe | null {
  if (!stripe.secretKey) return null;
  return new Stripe(stripe.secretKey, {
    apiVersion: stripeApiVersion,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'Parley', version },
    ...(stripe.apiUrl ? stripeEndpoint(stripe.apiUrl) : {}),
  });
}
