import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ItemResolver } from '../resolvers/item.resolver';
import { LinkResolver } from '../resolvers/link.resolver';
import { SandboxResolver } from '../resolvers/sandbox.resolver';
import { SubscriptionResolver } from '../resolvers/subscription.resolver';
import { UserResolver } from '../resolvers/user.resolver';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { DateTimeScalar } from './scalars';

const RESOLVERS = [UserResolver, ItemResolver, LinkResolver, SandboxResolver, SubscriptionResolver] as const;

/** Code-first schema; resolvers get the shared services through a tiny container. */
export function buildGatewaySchema(services: Services, pubSub: GatewayPubSub): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(RESOLVERS.map((Resolver) => [Resolver, new Resolver(services)]));
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    container: { get: (someClass) => instances.get(someClass) },
    // Subscriptions subscribe through the context; type-graphql still insists on knowing the PubSub.
    pubSub,
    validate: false,
  });
}
