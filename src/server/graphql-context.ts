import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { unauthenticated } from '../errors/domain-error';
import type { RequestLoaders } from './request-loaders';

/** What every resolver receives, for HTTP requests and WebSocket operations alike. */
export interface GraphQLContext {
  requestId: string;
  user: AuthenticatedUser | null;
  logger: Logger;
  loaders: RequestLoaders;
}

/** The caller's id, or UNAUTHENTICATED: every root field acts for an authenticated user only. */
export function callerId(context: GraphQLContext): string {
  if (!context.user) throw unauthenticated();
  return context.user.id;
}
