import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { TokenVerifier } from '../auth/token-verifier';
import { formatClientError } from '../errors/error-mapping';
import { IdentityProviderUnavailableError } from '../errors/identity-provider-unavailable';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { createGraphQLContext, type GraphQLContext } from '../context/graphql-context';
import { logAuthenticationFailure } from './authentication-failure';
import { subscribeSharingExecutions } from './shared-subscription-execution';
import { sinkOf, webSocketSink, type SubscriberSink } from './subscriber-sinks';
import { clientResult, logUnexpected } from './subscription-results';
import { clientAddressOf, type ProxyTrust } from './client-address';
import type { WebSocketOperationHooks } from './websocket-operation-hooks';
import { connectionCaller, type ConnectionExtra } from './websocket-connection';
import { closeAtTokenExpiry, refusalOfExpiredToken } from './websocket-session-expiry';

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  services: Services;
  pubSub: GatewayPubSub;
  logger: Logger;
  isOriginAllowed: (origin: string | undefined) => boolean;
  /** TRUST_PROXY, as Express applies it to HTTP requests: who the upgrade request's client is. */
  proxyTrust: ProxyTrust;
  /** The HTTP path's limits and policies, and metrics, for every subscribe message. */
  hooks?: WebSocketOperationHooks;
  /** Larger messages close the socket (1009), as larger HTTP bodies get 413. */
  maxPayloadBytes?: number;
  /** SUBSCRIBER_MAX_BUFFERED_BYTES: a socket further behind than this is closed. */
  maxBufferedBytes: number;
  keepAliveMs?: number;
}

/** RFC 6455's "Try Again Later": the server cannot serve the connection for now. */
const TRY_AGAIN_LATER = 1013;

/**
 * graphql-ws on /graphql: the same token check, context and error mapping as HTTP. A
 * connection lives as long as its token: closed with 4403 at its expiry, and every operation
 * re-checks it.
 */
export function attachWebSocketServer(options: WebSocketOptions): { wsServer: WebSocketServer; graphqlWs: Disposable } {
  const { logger } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
    // 403, not ws's default 401: the caller's credentials are not the problem, the page it runs on is.
    verifyClient: ({ origin }: { origin?: string }, allow: (allowed: boolean, code?: number, message?: string) => void) =>
      options.isOriginAllowed(origin || undefined) ? allow(true) : allow(false, 403, 'Origin not allowed'),
  });

  // Each subscription's sink, by its context (graphql-ws hands `subscribe` the execution arguments only).
  const sinks = new WeakMap<object, SubscriberSink>();
  const graphqlWs = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      ...options.hooks,
      schema: options.schema,
      subscribe: (args) => subscribeSharingExecutions(args, sinkOf(sinks, args.contextValue)),
      onSubscribe: (ctx, id, payload) => refusalOfExpiredToken(ctx) ?? options.hooks?.onSubscribe(ctx, id, payload),
      onConnect: async (ctx) => {
        ctx.extra.clientAddress = clientAddressOf(ctx.extra.request, options.proxyTrust);
        // connectionParams mirror HTTP headers (GraphiQL sends its headers editor as they are), so the name is case-insensitive.
        const key = Object.keys(ctx.connectionParams ?? {}).find((name) => name.toLowerCase() === 'authorization');
        const authorization = key === undefined ? undefined : ctx.connectionParams?.[key];
        try {
          const user = await options.verifier.verifyAuthorization(typeof authorization === 'string' ? authorization : undefined);
          if (!user) return false;
          ctx.extra.user = user;
          ctx.extra.connectionId = randomUUID();
          closeAtTokenExpiry(ctx.extra.socket, user);
          return true;
        } catch (error) {
          logAuthenticationFailure(logger, 'websocket', error);
          // An identity provider outage is not "forbidden": 1013 (try again later) tells the client to reconnect.
          if (error instanceof IdentityProviderUnavailableError)
            ctx.extra.socket.close(TRY_AGAIN_LATER, 'Identity provider unavailable; try again later');
          return false;
        }
      },
      context: (ctx, id): GraphQLContext => {
        const requestId = randomUUID();
        const context = createGraphQLContext({
          requestId,
          connectionId: ctx.extra.connectionId,
          ...connectionCaller(ctx.extra),
          logger: logger.child({ requestId, connectionId: ctx.extra.connectionId, userId: ctx.extra.user?.id }),
          services: options.services,
          pubSub: options.pubSub,
        });
        sinks.set(context, webSocketSink(ctx.extra.socket, id, options.maxBufferedBytes));
        return context;
      },
      onNext: (_ctx, _id, _payload, args, result) => clientResult(args.contextValue as GraphQLContext, result),
      onError: (_ctx, _id, _payload, errors) => {
        logUnexpected(logger, errors);
        return errors.map((error) => formatClientError(error.toJSON(), error));
      },
    },
    wsServer,
    options.keepAliveMs ?? 12_000,
  );
  return { wsServer, graphqlWs };
}
