import type { ApolloServerPlugin } from '@apollo/server';
import { isUnexpectedError } from '../errors/error-mapping';
import type { GraphQLContext } from '../context/graphql-context';

/** Unexpected errors are masked for the client, so they are logged here with the request id. */
export function errorLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) {
              contextValue.logger.error(
                { err: error.originalError ?? error, path: error.path, operationName },
                'unexpected error in GraphQL operation',
              );
            }
          }
        },
      };
    },
  };
}
