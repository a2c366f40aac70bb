import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { UserResolver } from '../resolvers/user.resolver';
import type { Services } from '../services/services';
import { DateTimeScalar } from './scalars';

const RESOLVERS = [UserResolver] as const;

/** Code-first schema; resolvers get the shared services through a tiny container. */
export function buildGatewaySchema(services: Services): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(RESOLVERS.map((Resolver) => [Resolver, new Resolver(services)]));
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    container: { get: (someClass) => instances.get(someClass) },
    validate: false,
  });
}
