import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import type { GraphQLContext } from '../../../src/context/graphql-context';
import { subscribeSharingExecutions } from '../../../src/server/shared-subscription-execution';

type Event = { text: string };

/** A one-field schema whose resolver counts its runs and can report a partial error. */
function fixture() {
  const pubSub = createPubSub<{ NEWS: [userId: string, event: Event] }>();
  let resolved = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        news: {
          type: GraphQLString,
          args: { shout: { type: GraphQLString } },
          subscribe: (_root, _args, context: GraphQLContext) => pubSub.subscribe('NEWS', context.user!.id),
          resolve: (event: Event, args: { shout?: string }, context: GraphQLContext) => {
            resolved += 1;
            if (event.text === 'partial') context.partialErrors.push(new GraphQLError('part of it failed'));
            return args.shout ? event.text.toUpperCase() : `${event.text} for ${context.user!.id}`;
          },
        },
      },
    }),
  });
  const contextFor = (userId: string, scopes: string[]) =>
    ({ user: { id: userId, scopes }, partialErrors: [] }) as unknown as GraphQLContext;
  const subscribe = async (userId: string, query = 'subscription { news }', scopes: string[] = []) => {
    const result = await subscribeSharingExecutions({ schema, document: parse(query), contextValue: contextFor(userId, scopes) });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
    return result[Symbol.asyncIterator]();
  };
  return { pubSub, subscribe, resolved: () => resolved };
}

describe('subscribeSharingExecutions', () => {
  it("executes an event once for all of a user's identical subscriptions, and separately for anyone else", async () => {
    const { pubSub, subscribe, resolved } = fixture();
    const [first, second, other] = await Promise.all([subscribe('alice'), subscribe('alice'), subscribe('bob')]);
    const [aliceFirst, aliceSecond] = [first.next(), second.next()];
    const bobNext = other.next();
    pubSub.publish('NEWS', 'alice', { text: 'hello' });
    expect((await aliceFirst).value).toEqual({ data: { news: 'hello for alice' } });
    expect((await aliceSecond).value).toEqual({ data: { news: 'hello for alice' } });
    expect(resolved()).toBe(1);

    pubSub.publish('NEWS', 'bob', { text: 'hi' });
    expect((await bobNext).value).toEqual({ data: { news: 'hi for bob' } });
    expect(resolved()).toBe(2);
    await Promise.all([first.return?.(), second.return?.(), other.return?.()]);
  });

  it('does not share between different documents, variables or token scopes of the same user', async () => {
    const { pubSub, subscribe, resolved } = fixture();
    const [plain, shouting, partner] = await Promise.all([
      subscribe('alice'),
      subscribe('alice', 'subscription { news(shout: "yes") }'),
      subscribe('alice', 'subscription { news }', ['partner']),
    ]);
    const results = [plain.next(), shouting.next(), partner.next()];
    pubSub.publish('NEWS', 'alice', { text: 'hello' });
    expect((await results[0]).value).toEqual({ data: { news: 'hello for alice' } });
    expect((await results[1]).value).toEqual({ data: { news: 'HELLO' } });
    expect((await results[2]).value).toEqual({ data: { news: 'hello for alice' } });
    expect(resolved()).toBe(3);
    await Promise.all([plain.return?.(), shouting.return?.(), partner.return?.()]);
  });

  it('hands the partial errors of the one execution to every subscriber sharing it', async () => {
    const { pubSub, subscribe } = fixture();
    const [first, second] = await Promise.all([subscribe('alice'), subscribe('alice')]);
    const results = [first.next(), second.next()];
    pubSub.publish('NEWS', 'alice', { text: 'partial' });
    for (const result of await Promise.all(results)) {
      expect(result.value.data).toEqual({ news: 'partial for alice' });
      expect(result.value.errors?.map((error: GraphQLError) => error.message)).toEqual(['part of it failed']);
    }
    await Promise.all([first.return?.(), second.return?.()]);
  });

  it('ends the source stream when the subscription ends, even while waiting for an event', async () => {
    const { pubSub, subscribe } = fixture();
    const subscription = await subscribe('alice');
    const pending = subscription.next();
    await subscription.return?.();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    // Nothing listens any more: a publish reaches no one and the ended iterator stays done.
    pubSub.publish('NEWS', 'alice', { text: 'late' });
    await expect(subscription.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('answers a subscription that fails at subscribe time with its errors, not a stream', async () => {
    const { subscribe } = fixture();
    await expect(subscribe('alice', 'subscription { news(shout: 1) }')).rejects.toThrow(/errors/);
  });
});
