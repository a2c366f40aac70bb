/** The error codes of the public contract (besides INTERNAL_SERVER_ERROR, which is never thrown on purpose). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'ITEM_LOGIN_REQUIRED'
  | 'RATE_LIMITED'
  | 'PLAID_UNAVAILABLE'
  | 'SANDBOX_ONLY'
  /** The database (or another dependency every answer needs) is not answering; `retryAfterSeconds` says when to try again. */
  | 'SERVICE_UNAVAILABLE'
  | 'CURSOR_EXPIRED';

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
