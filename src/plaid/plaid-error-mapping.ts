import { DomainError } from '../errors/domain-error';
import { PlaidApiError } from './plaid-api-error';
import { isRateLimited } from './retry-policy';

/** Plaid's per-Item limits are per minute; a client retrying sooner would be refused again. */
const RATE_LIMIT_RETRY_SECONDS = 60;

/**
 * The contract's reading of a Plaid failure that no service handled more specifically:
 * login required (with the gateway's item id), rate limited (with a retry hint), or
 * Plaid unavailable. Plaid's code and request id go along for support, nothing more.
 */
export function toDomainError(error: PlaidApiError, context: { itemId?: string } = {}): DomainError {
  const plaid = { plaidErrorCode: error.errorCode, plaidRequestId: error.requestId };
  if (error.errorCode === 'ITEM_LOGIN_REQUIRED') {
    return new DomainError('ITEM_LOGIN_REQUIRED', 'The bank needs the user to log in again (update mode)', {
      itemId: context.itemId,
      ...plaid,
    });
  }
  if (isRateLimited(error)) {
    return new DomainError('RATE_LIMITED', 'Plaid rate limit reached; try again later', {
      retryAfterSeconds: RATE_LIMIT_RETRY_SECONDS,
      ...(context.itemId ? { itemId: context.itemId } : {}),
      ...plaid,
    });
  }
  return new DomainError('PLAID_UNAVAILABLE', 'Plaid could not complete the request; try again later', {
    ...(context.itemId ? { itemId: context.itemId } : {}),
    ...plaid,
  });
}

/** What a caller rethrows from a failed call that no Item stands behind: Plaid's error read as the contract's, any other as is. */
export function contractErrorOf(error: unknown): unknown {
  return error instanceof PlaidApiError ? toDomainError(error) : error;
}
