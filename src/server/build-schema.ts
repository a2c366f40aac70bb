import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { AccountResolver } from '../resolvers/account.resolver';
import { requireCaller } from '../resolvers/auth-checker';
import { BalanceResolver } from '../resolvers/balance.resolver';
import { ItemResolver } from '../resolvers/item.resolver';
import { LinkResolver } from '../resolvers/link.resolver';
import { RecurringStreamResolver } from '../resolvers/recurring-stream.resolver';
import { SandboxResolver } from '../resolvers/sandbox.resolver';
import { SpendingResolver } from '../resolvers/spending.resolver';
import { SubscriptionResolver } from '../resolvers/subscription.resolver';
import { TransactionAnnotationResolver } from '../resolvers/transaction-annotation.resolver';
import { TransactionResolver } from '../resolvers/transaction.resolver';
import { TransferValidationResolver } from '../resolvers/transfer-validation.resolver';
import { UserResolver } from '../resolvers/user.resolver';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { DateTimeScalar } from '../schema/scalars';

const RESOLVERS = [
  UserResolver,
  ItemResolver,
  AccountResolver,
  TransactionResolver,
  TransactionAnnotationResolver,
  SpendingResolver,
  BalanceResolver,
  LinkResolver,
  SandboxResolver,
  SubscriptionResolver,
  TransferValidationResolver,
  RecurringStreamResolver,
] as const;

/** Code-first schema; resolvers get the shared services through a tiny container. */
export function buildGatewaySchema(services: Services, pubSub: GatewayPubSub): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(RESOLVERS.map((Resolver) => [Resolver, new Resolver(services)]));
  return build({ get: (someClass) => instances.get(someClass) }, pubSub);
}

/** The schema's types only, for printing schema.graphql: type-graphql asks the container for resolvers only when they run. */
export function buildGatewaySchemaTypes(): Promise<GraphQLSchema> {
  return build(
    {
      get: () => {
        throw new Error('this schema is for printing; its resolvers do not run');
      },
    },
    createPubSub(),
  );
}

function build(container: ContainerType, pubSub: GatewayPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    container,
    authChecker: requireCaller,
    // Subscriptions subscribe through the context; type-graphql still insists on knowing the PubSub.
    pubSub,
    validate: false,
  });
}
