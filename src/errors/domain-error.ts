/** The error codes of the public contract (besides INTERNAL_SERVER_ERROR, which is never thrown on purpose). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  /** What the caller sent is over a size limit (`limitBytes`): 413 over HTTP. */
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'ITEM_LOGIN_REQUIRED'
  /** The user revoked the app's access at the bank: relinking restores it. */
  | 'USER_PERMISSION_REVOKED'
  /** The user did not share the data the call needs: relinking with access granted restores it. */
  | 'ACCESS_NOT_GRANTED'
  /** Plaid no longer knows the Item (or its access token): it must be linked again. */
  | 'ITEM_NOT_FOUND'
  /** The bank does not offer the data asked for on this Item. */
  | 'PRODUCTS_NOT_SUPPORTED'
  /** Another problem of the Item that the user must fix at the bank or by relinking; `plaidErrorCode` says which. */
  | 'ITEM_ERROR'
  /** Plaid rate limit; `retryAfterSeconds` says when to try again. */
  | 'RATE_LIMITED'
  /** Plaid or the bank is down or slow; `retryAfterSeconds` says when to try again. */
  | 'PLAID_UNAVAILABLE'
  | 'SANDBOX_ONLY'
  /** The database (or another dependency every answer needs) is not answering; `retryAfterSeconds` says when to try again. */
  | 'SERVICE_UNAVAILABLE'
  | 'CURSOR_EXPIRED'
  /** The connection or the user holds as many active subscriptions as allowed; `scope` and `limit` say which. Ending one frees its slot. */
  | 'SUBSCRIPTION_LIMIT';

/**
 * An expected failure that the caller should see as is: its message is written for the
 * client and `details` become GraphQL `extensions` beside `code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'A valid bearer token is required') => new DomainError('UNAUTHENTICATED', message);

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} was not found`, { id });

export const badUserInput = (message: string, field?: string) => new DomainError('BAD_USER_INPUT', message, field ? { field } : {});

/** A cursor from before the events and changes the gateway keeps: the client starts over without one. */
export const cursorExpired = (field: string) =>
  new DomainError('CURSOR_EXPIRED', `"${field}" is older than the events the gateway keeps; start over without it`, { field });
