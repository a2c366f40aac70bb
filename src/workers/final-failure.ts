import { DomainError } from '../errors/domain-error';
import { PlaidApiError } from '../plaid/plaid-api-error';

/**
 * A failure retrying cannot cure: a contract error without `retryAfterSeconds`, or a request
 * Plaid refused as such (the mapping leaves it unread). Those with `retryAfterSeconds`
 * (PRODUCT_NOT_READY, rate limits, Plaid or the bank down) and unexpected ones are retried.
 */
export function isFinal(error: unknown): error is DomainError | PlaidApiError {
  if (error instanceof DomainError) return error.details.retryAfterSeconds === undefined;
  return error instanceof PlaidApiError;
}

/** What a final failure's log line says of it: the contract's code (PLAID_REFUSED for a refused request) and Plaid's. */
export function finalFailureFields(error: DomainError | PlaidApiError): { code: string; plaidErrorCode: unknown } {
  return error instanceof DomainError
    ? { code: error.code, plaidErrorCode: error.details.plaidErrorCode }
    : { code: 'PLAID_REFUSED', plaidErrorCode: error.errorCode };
}
