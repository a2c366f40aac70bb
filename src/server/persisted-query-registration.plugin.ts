import type { ApolloServerPlugin } from '@apollo/server';
import { stripIgnoredCharacters } from 'graphql';
import type { GraphQLContext } from '../context/graphql-context';
import type { PersistedQueryStore } from './persisted-query-store';

/**
 * Registers automatic persisted queries in Apollo's stead (the cache drops Apollo's own
 * writes): only for a signed-in caller, and stripped of the comments, spacing and commas that
 * do not change what a document runs (graphql-js's stripIgnoredCharacters, never longer than
 * what was sent, so within MAX_DOCUMENT_BYTES). Neither anonymous callers nor padding added to
 * a (trusted) document grow the store. An anonymous caller's document still runs: its client
 * (Apollo Client's persisted query link, urql's persistedExchange, Apollo Kotlin and iOS)
 * sends it in full again after the next PERSISTED_QUERY_NOT_FOUND, as after any miss.
 */
export function persistedQueryRegistrationPlugin(store: PersistedQueryStore): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        // Reached once every didResolveOperation (the guard's) passed, where Apollo would register.
        async executionDidStart({ contextValue, metrics, queryHash, source }) {
          const { user, logger } = contextValue;
          if (!metrics.persistedQueryRegister || !user) return;
          // Not awaited, as Apollo does not: the answer does not wait for the store.
          void store.register({ hash: queryHash, document: stripIgnoredCharacters(source), userId: user.id }).then((outcome) => {
            if (outcome !== 'kept') logger.debug({ outcome }, 'automatic persisted query not kept');
          });
        },
      };
    },
  };
}
