import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable, serviceUnavailable } from './database-unavailable';
import { DomainError } from './domain-error';

/** Codes graphql-js, Apollo and this gateway set on purpose; anything else is masked. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'ITEM_LOGIN_REQUIRED',
  'USER_PERMISSION_REVOKED',
  'ACCESS_NOT_GRANTED',
  'ITEM_NOT_FOUND',
  'PRODUCTS_NOT_SUPPORTED',
  'ITEM_ERROR',
  'RATE_LIMITED',
  'PLAID_UNAVAILABLE',
  'SANDBOX_ONLY',
  'SERVICE_UNAVAILABLE',
  'CURSOR_EXPIRED',
  'SUBSCRIPTION_LIMIT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** Request errors Apollo raises without a code (it would answer them as INTERNAL_SERVER_ERROR), by message. */
const UNCODED_APOLLO_ERRORS = new Map([['provided sha does not match query', 'BAD_REQUEST']]);

function uncodedApolloErrorCode(error: unknown): string | undefined {
  return error instanceof GraphQLError && !error.path && !error.originalError ? UNCODED_APOLLO_ERRORS.get(error.message) : undefined;
}

/**
 * An input scalar's own refusal (the Decimal scalar's BAD_USER_INPUT) written inline in the
 * document: graphql-js reports it during validation, and Apollo recodes every validation error
 * GRAPHQL_VALIDATION_FAILED. It is the same bad value as when it comes in a variable.
 */
function refusedLiteralCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return undefined;
  const original = error.originalError;
  return original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : undefined;
}

function domainErrorOf(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  // A database that does not answer is no bug of the request: the client is told to retry.
  if (!(error instanceof GraphQLError) || error.originalError) return isDatabaseUnavailable(error) ? serviceUnavailable() : undefined;
  return undefined;
}

/**
 * True for errors the client must not see: anything thrown during execution that is not a
 * DomainError, and request-level errors Apollo marks INTERNAL_SERVER_ERROR.
 */
export function isUnexpectedError(error: unknown): boolean {
  if (domainErrorOf(error) || uncodedApolloErrorCode(error)) return false;
  if (!(error instanceof GraphQLError)) return true;
  const code = error.extensions?.code;
  if (typeof code === 'string') return !CLIENT_CODES.has(code);
  // Without a code: graphql-js's own parse/validation/coercion errors carry no resolver path.
  return error.path !== undefined && !(error.originalError instanceof GraphQLError && !error.originalError.originalError);
}

/** The one mapping from any error to what a client sees, for HTTP and WebSocket alike. */
export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domain = domainErrorOf(error);
  if (domain) {
    return {
      message: domain.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...domain.details, code: domain.code },
    };
  }
  if (isUnexpectedError(error)) {
    return {
      message: INTERNAL_ERROR_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const code =
    uncodedApolloErrorCode(error) ??
    refusedLiteralCode(error) ??
    formatted.extensions?.code ??
    (formatted.path ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions: { ...extensions, code } };
}
