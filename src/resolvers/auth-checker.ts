import type { AuthCheckerFn } from 'type-graphql';
import { callerId, type GraphQLContext } from '../context/graphql-context';

/**
 * What `@Authorized()` asks: is there a caller? None is UNAUTHENTICATED, thrown here rather
 * than answered `false`, so clients get the domain error and not type-graphql's own. It runs
 * before the resolver and, for subscriptions, at subscribe time.
 */
export const requireCaller: AuthCheckerFn<GraphQLContext> = ({ context }) => {
  callerId(context);
  return true;
};
