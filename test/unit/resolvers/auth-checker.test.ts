import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLFieldMap, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { GatewayPubSub } from '../../../src/pubsub/gateway-pubsub';
import { buildGatewaySchema } from '../../../src/server/build-schema';
import type { GraphQLContext } from '../../../src/context/graphql-context';
import type { Services } from '../../../src/services/services';

/** Services that fail the test when touched: a refused caller must never reach one. */
const untouchable = new Proxy({} as Services, {
  get: (_target, name) => {
    throw new Error(`services.${String(name)} was reached`);
  },
});

const contextFor = (user: GraphQLContext['user']) => ({ user, services: untouchable, partialErrors: [] }) as unknown as GraphQLContext;
const info = {} as GraphQLResolveInfo;

let schema: GraphQLSchema;
beforeAll(async () => {
  const pubSub: GatewayPubSub = createPubSub();
  schema = await buildGatewaySchema(untouchable, pubSub);
});

const fieldsOf = (pick: (schema: GraphQLSchema) => GraphQLFieldMap<unknown, unknown> | undefined) => () =>
  Object.values(pick(schema) ?? {});

describe('@Authorized() root fields', () => {
  it.each([
    ['Query', fieldsOf((s) => s.getQueryType()?.getFields()), 'resolve'],
    ['Mutation', fieldsOf((s) => s.getMutationType()?.getFields()), 'resolve'],
    ['Subscription', fieldsOf((s) => s.getSubscriptionType()?.getFields()), 'subscribe'],
  ] as const)('refuse every %s field without a caller as UNAUTHENTICATED, before it runs', async (_type, fields, run) => {
    const refusals = await Promise.all(
      fields().map(async (field) => {
        const resolver = field[run];
        if (!resolver) throw new Error(`${field.name} has no ${run}`);
        const error = await Promise.resolve()
          .then(() => resolver(undefined, {}, contextFor(null), info))
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        return [field.name, error];
      }),
    );
    expect(refusals.length).toBeGreaterThan(0);
    for (const [name, error] of refusals) {
      expect([name, error]).toEqual([
        name,
        expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'A valid bearer token is required' }),
      ]);
    }
  });

  it('hand the caller id to @CallerId()', async () => {
    const me = schema.getQueryType()?.getFields().me;
    await expect(
      Promise.resolve(me?.resolve?.(undefined, {}, contextFor({ id: 'user-1', scopes: [], expiresAtMs: Date.now() + 3_600_000 }), info)),
    ).resolves.toEqual({
      id: 'user-1',
    });
  });
});
