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
  | 'SANDBOX_ONLY';

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

export const badUserInput = (message: string, field?: string) =>
  new DomainError('BAD_USER_INPUT', message, field ? { field } : {});
