import type { PlaidApiError } from './plaid-api-error';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Failures that may pass if the same request is sent again a little later. */
const TRANSIENT_CODES = new Set([
  'RATE_LIMIT_EXCEEDED',
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INTERNAL_SERVER_ERROR',
  'PLANNED_MAINTENANCE',
]);

export function isRateLimited(error: PlaidApiError): boolean {
  return error.errorType === 'RATE_LIMIT_EXCEEDED' || error.status === 429;
}

export function isTransient(error: PlaidApiError): boolean {
  if (error.kind !== 'plaid') return true;
  if (error.errorType === 'RATE_LIMIT_EXCEEDED' || error.errorType === 'API_ERROR') return true;
  if (error.errorCode && TRANSIENT_CODES.has(error.errorCode)) return true;
  return error.status !== undefined && (error.status === 429 || error.status >= 500) && error.errorType !== 'ITEM_ERROR';
}

/** Exponential backoff with full jitter, so retries from many callers do not line up. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
