import type { CombinedError } from 'urql';

/** A gateway error as the app shows it: its `extensions.code` and what it says. */
export interface GatewayError {
  code: string;
  message: string;
  itemId?: string;
  retryAfterSeconds?: number;
}

/** Every error of an answer, by code: the gateway's codes are the contract, messages are for people. */
export function gatewayErrors(error: CombinedError | undefined): GatewayError[] {
  if (!error) return [];
  if (error.networkError) return [{ code: 'NETWORK', message: error.networkError.message }];
  return error.graphQLErrors.map((graphQLError) => {
    const extensions = graphQLError.extensions as { code?: string; itemId?: string; retryAfterSeconds?: number };
    return {
      code: extensions.code ?? 'INTERNAL_SERVER_ERROR',
      message: graphQLError.message,
      itemId: extensions.itemId,
      retryAfterSeconds: extensions.retryAfterSeconds,
    };
  });
}

/**
 * A sentence for people, per code: the gateway's messages are written for developers (and may
 * carry Plaid's own developer text), so only BAD_USER_INPUT, which names what was refused in
 * the input the person gave, passes its message on.
 */
export function describeError(error: GatewayError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
      return `Rate limited: retry in ${error.retryAfterSeconds ?? '?'} s`;
    case 'ITEM_LOGIN_REQUIRED':
      return 'The bank needs you to log in again: use Reconnect';
    case 'PLAID_UNAVAILABLE':
      return 'The bank is not answering right now; try again later';
    case 'BAD_USER_INPUT':
      return `Not accepted: ${error.message}`;
    case 'NETWORK':
      return 'The gateway cannot be reached; check the connection and try again';
    case 'UNAUTHENTICATED':
      return 'Your session has ended: open the page again';
    case 'NOT_FOUND':
      return 'That is no longer there; it may have been removed';
    case 'USER_PERMISSION_REVOKED':
    case 'ACCESS_NOT_GRANTED':
      return 'The bank no longer shares this data: connect it again and allow access';
    case 'ITEM_NOT_FOUND':
      return 'This bank connection no longer exists: connect the bank again';
    case 'ITEM_ERROR':
      return 'The connection to this bank has a problem: try again later, or connect it again';
    case 'PRODUCTS_NOT_SUPPORTED':
      return 'This bank does not offer that information';
    case 'SANDBOX_ONLY':
      return 'Sandbox controls work only against the Plaid sandbox or the emulator';
    case 'SERVICE_UNAVAILABLE':
      return 'The service is busy; try again in a moment';
    default:
      return `Something went wrong (${error.code}); try again`;
  }
}
