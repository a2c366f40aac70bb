import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { DomainError } from '../errors/domain-error';
import { formatClientError } from '../errors/error-mapping';
import type { GraphQLContext } from './graphql-context';

/**
 * Errors reported beside data that is still returned. graphql-js only knows errors that null
 * a field, and an error inside a non-null list (`balances: [Balance!]!`) nulls the whole
 * answer; so a resolver that succeeds in part records its failures here, at its own path,
 * and each transport appends them to `errors` (formatted by the one error mapping):
 * `partialErrorsPlugin` for HTTP, `takePartialErrors` in graphql-ws's onNext for WebSocket.
 */
export function reportPartialError(context: GraphQLContext, info: GraphQLResolveInfo, error: DomainError): void {
  context.partialErrors.push(
    new GraphQLError(error.message, { nodes: info.fieldNodes, path: responsePathAsArray(info.path), originalError: error }),
  );
}

/** The errors recorded so far, once: a subscription's context outlives one result. */
export function takePartialErrors(context: GraphQLContext): GraphQLError[] {
  return context.partialErrors.splice(0);
}

const formatted = (errors: GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => formatClientError(error.toJSON(), error));

export function partialErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const errors = takePartialErrors(contextValue);
          if (errors.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...formatted(errors)];
        },
      };
    },
  };
}
