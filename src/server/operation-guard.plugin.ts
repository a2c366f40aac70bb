import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GraphQLContext } from '../context/graphql-context';
import { unresolvedOperation, type OperationGuard } from './operation-guard';

const HTTP_STATUS: Record<string, number> = { FORBIDDEN: 403, RATE_LIMITED: 429 };

/** The guard on Apollo's path: checks once the operation resolved; hides suggestions in every error. */
export function operationGuardPlugin(guard: OperationGuard): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request }) {
          // Apollo leaves an unknown operationName to the executor, and graphql-jit's answer to it is no answer.
          if (!operation) throw withHttpStatus(unresolvedOperation(request.operationName));
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) throw subscriptionOverHttp();
          const { user, clientAddress } = contextValue;
          const [error] = await guard.check({ user, clientAddress, document, operation, variables: request.variables });
          if (error) throw withHttpStatus(error);
        },
        async didEncounterErrors({ contextValue, errors }) {
          guard.visibility.hideSuggestions(contextValue.user, errors);
        },
      };
    },
  };
}

/**
 * A subscription needs a stream: graphql-ws at the same /graphql path. Apollo would run it as
 * a query over HTTP and fail inside a resolver, so it is refused before it runs.
 */
function subscriptionOverHttp(): GraphQLError {
  return new GraphQLError('Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql, not over plain HTTP', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new HeaderMap() } },
  });
}

/** Apollo answers errors thrown here with 500 unless the error names its status. */
function withHttpStatus(error: GraphQLError): GraphQLError {
  const code = String(error.extensions.code);
  const retryAfter = error.extensions.retryAfterSeconds;
  const headers = new HeaderMap(typeof retryAfter === 'number' ? [['retry-after', String(retryAfter)]] : []);
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: HTTP_STATUS[code] ?? 400, headers } },
  });
}
