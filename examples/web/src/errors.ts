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

export function describeError(error: GatewayError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
      return `Rate limited: retry in ${error.retryAfterSeconds ?? '?'} s`;
    case 'ITEM_LOGIN_REQUIRED':
      return 'The bank needs you to log in again: use Reconnect';
    case 'PLAID_UNAVAILABLE':
      return 'The bank is not answering right now; try again later';
    default:
      return `${error.code}: ${error.message}`;
  }
}
