import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client as a mobile app or browser would open it. Lazy by default: it connects
 * on first use and closes when nothing runs; `lazy: false` keeps the socket open until disposed.
 */
export function connectWs(url: string, authorization: string | undefined, options: { origin?: string; lazy?: boolean } = {}): Client {
  const { origin, lazy = true } = options;
  return createClient({
    url,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, origin ? { headers: { origin } } : undefined);
      }
    },
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy,
  });
}

/** Runs one operation to completion: its last result, or the errors the server answered with. */
export function runWs(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<FormattedExecutionResult<Record<string, unknown>, unknown> | { errors: GraphQLFormattedError[] }> {
  return new Promise((resolve, reject) => {
    let result: FormattedExecutionResult<Record<string, unknown>, unknown> | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value),
        error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
        complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
      },
    );
  });
}
