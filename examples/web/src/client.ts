import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';

/**
 * One urql client for queries and mutations over HTTP and subscriptions over graphql-ws, the
 * token in `Authorization` and in `connectionParams` as the gateway expects.
 */
export function createGatewayClient(token: string): Client {
  const wsUrl = `${window.location.origin.replace(/^http/, 'ws')}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${token}` },
    // The socket comes back by itself after a network change or a gateway restart.
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  return new Client({
    url: '/graphql',
    // POST only: Apollo's CSRF prevention refuses a GET without a preflight-forcing header.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '', variables: { ...request.variables } as Record<string, unknown> };
          return {
            subscribe(sink) {
              // Resume: after a dropped socket graphql-ws sends this same payload again, so the
              // cursor of the last event seen goes into it as `after`, and the gateway first
              // replays what happened while the socket was down.
              const unsubscribe = ws.subscribe(input, {
                ...sink,
                next(result) {
                  const event = Object.values(result.data ?? {})[0] as { cursor?: unknown } | null | undefined;
                  if (typeof event?.cursor === 'string') input.variables.after = event.cursor;
                  sink.next(result as Parameters<typeof sink.next>[0]);
                },
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
