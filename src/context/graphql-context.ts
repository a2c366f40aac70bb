import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { unauthenticated } from '../errors/domain-error';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { createRequestLoaders, type RequestLoaders } from './request-loaders';

/** What every resolver receives, for HTTP requests and WebSocket operations alike. */
export interface GraphQLContext {
  requestId: string;
  /** The WebSocket an operation came on; unset, the request or event stream is a connection of its own. */
  connectionId?: string;
  user: AuthenticatedUser | null;
  /** By TRUST_PROXY's rule: what the budget of callers without a token is kept under. */
  clientAddress: string;
  logger: Logger;
  loaders: RequestLoaders;
  /** Errors beside data that is still returned (see partial-errors.ts). */
  partialErrors: GraphQLError[];
  /** For subscriptions, whose subscribe functions are static decorator options. */
  services: Services;
  pubSub: GatewayPubSub;
}

/**
 * One context shape for both transports: fresh DataLoaders per request or operation, made on
 * first use. A subscription's own context never resolves a field (each event gets a context of
 * its own), so an idle subscriber holds no loaders at all.
 */
export function createGraphQLContext(parts: Omit<GraphQLContext, 'loaders' | 'partialErrors'>): GraphQLContext {
  let loaders: RequestLoaders | undefined;
  return {
    ...parts,
    get loaders() {
      return (loaders ??= createRequestLoaders(parts.services, parts.user?.id ?? null));
    },
    partialErrors: [],
  };
}

/** The caller's id, or UNAUTHENTICATED: every root field acts for an authenticated user only. */
export function callerId(context: GraphQLContext): string {
  if (!context.user) throw unauthenticated();
  return context.user.id;
}
