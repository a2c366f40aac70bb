import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics, OperationType } from './gateway-metrics';

/** Times each GraphQL operation over HTTP, labelled by its resolved name and type. */
/** What this plugin reads of the request context: whether a signed-in user sent the operation. */
interface CallerContext {
  user: object | null;
}

export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<CallerContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, response, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          metrics.recordOperation({
            // Apollo sets operationName (null when unnamed) only once the operation resolved.
            name: operation ? operationName : undefined,
            authenticated: Boolean(contextValue.user),
            type: (operation?.operation ?? 'unknown') satisfies OperationType,
            transport: 'http',
            outcome: errors?.length ? 'error' : 'ok',
            durationSeconds: (performance.now() - started) / 1000,
          });
        },
      };
    },
  };
}
