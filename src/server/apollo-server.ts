import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Disposable } from 'graphql-ws';
import type { WebSocketServer } from 'ws';
import { formatClientError } from '../errors/error-mapping';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { operationMetricsPlugin } from '../metrics/operation-metrics.plugin';
import { compiledExecution } from './compiled-execution';
import { stringifyResponse } from './planned-response';
import type { ReadPath } from './read-path';
import { errorLoggingPlugin } from './error-logging.plugin';
import type { GraphQLContext } from '../context/graphql-context';
import type { OperationGuard } from './operation-guard';
import { operationGuardPlugin } from './operation-guard.plugin';
import type { PersistedQueries } from './persisted-query-cache';
import { persistedQueryRegistrationPlugin } from './persisted-query-registration.plugin';
import { partialErrorsPlugin } from '../context/partial-errors';

export interface ApolloServerOptions {
  schema: GraphQLSchema;
  guard: OperationGuard;
  metrics: GatewayMetrics;
  httpServer: Server;
  wsServer: WebSocketServer;
  graphqlWs: Disposable;
  shutdownGraceMs: number;
  /** Automatic persisted queries: Apollo looks them up, the registration plugin keeps them. */
  persistedQueries: PersistedQueries;
  /** Which queries the read planner answers. */
  readPath: ReadPath;
}

/** Apollo for HTTP (executed by graphql-jit), with the same limits as WebSocket; stopping it drains HTTP, then closes every WebSocket. */
export function createApolloServer({
  schema,
  guard,
  metrics,
  httpServer,
  wsServer,
  graphqlWs,
  shutdownGraceMs,
  persistedQueries,
  readPath,
}: ApolloServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    gateway: compiledExecution(schema, readPath),
    stringifyResult: stringifyResponse,
    csrfPrevention: true,
    // Introspection is decided per caller (SchemaVisibility), not by Apollo's NODE_ENV default.
    introspection: true,
    parseOptions: guard.limits.parseOptions,
    validationRules: guard.limits.validationRules,
    validationOptions: guard.limits.validationOptions,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (main.ts): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: formatClientError,
    persistedQueries: { cache: persistedQueries.cache },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await graphqlWs.dispose();
              for (const socket of wsServer.clients) socket.close(1001, 'Server shutting down');
              await new Promise<void>((resolve) => wsServer.close(() => resolve()));
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      // Nothing sets cache hints, and its willResolveField hook wraps every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin(),
      partialErrorsPlugin(),
      operationGuardPlugin(guard),
      persistedQueryRegistrationPlugin(persistedQueries.store),
      operationMetricsPlugin(metrics),
    ],
  });
}
