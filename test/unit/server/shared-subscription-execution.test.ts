import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import type { GraphQLContext } from '../../../src/context/graphql-context';
import { subscribeSharingExecutions } from '../../../src/server/shared-subscription-execution';
import type { SubscriberSink } from '../../../src/server/subscriber-sinks';
import type { SerialisedResult } from '../../../src/server/subscription-results';

type Event = { text: string };

/** A subscriber's sink that keeps what it was handed, for the test to await in order. */
function recordingSink() {
  const written: SerialisedResult[] = [];
  const waiters: Array<(result: SerialisedResult) => void> = [];
  const sink: SubscriberSink = {
    write: (result) => {
      const waiter = waiters.shift();
      if (waiter) waiter(result);
      else written.push(result);
    },
  };
  const next = () => {
    const ready = written.shift();
    return ready ? Promise.resolve(ready) : new Promise<SerialisedResult>((resolve) => waiters.push(resolve));
  };
  return { sink, next };
}

/** What a client receives: the result's JSON, parsed. */
const parsed = (result: SerialisedResult) => JSON.parse(result.json) as { data?: unknown; errors?: Array<{ message: string }> };

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
  const logger = { error: () => undefined };
  const contextFor = (userId: string, scopes: string[]) =>
    ({ user: { id: userId, scopes }, partialErrors: [], logger }) as unknown as GraphQLContext;
  /** A subscription, its iterator running as a transport runs it, and what its sink was handed. */
  const subscribe = async (userId: string, query = 'subscription { news }', scopes: string[] = []) => {
    const { sink, next } = recordingSink();
    const result = await subscribeSharingExecutions({ schema, document: parse(query), contextValue: contextFor(userId, scopes) }, sink);
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
    const iterator = result[Symbol.asyncIterator]();
    const ended = iterator.next();
    return { next, ended, end: () => iterator.return?.() };
  };
  return { pubSub, subscribe, resolved: () => resolved };
}

describe('subscribeSharingExecutions', () => {
  it("executes and serialises an event once for all of a user's identical subscriptions, and separately for anyone else", async () => {
    const { pubSub, subscribe, resolved } = fixture();
    const [first, second, other] = await Promise.all([subscribe('alice'), subscribe('alice'), subscribe('bob')]);
    pubSub.publish('NEWS', 'alice', { text: 'hello' });
    const [aliceFirst, aliceSecond] = await Promise.all([first.next(), second.next()]);
    expect(parsed(aliceFirst)).toEqual({ data: { news: 'hello for alice' } });
    // The very same serialised result: one JSON.stringify for both.
    expect(aliceSecond).toBe(aliceFirst);
    expect(resolved()).toBe(1);

    pubSub.publish('NEWS', 'bob', { text: 'hi' });
    expect(parsed(await other.next())).toEqual({ data: { news: 'hi for bob' } });
    expect(resolved()).toBe(2);
    await Promise.all([first.end(), second.end(), other.end()]);
  });

  it('does not share between different documents, variables or token scopes of the same user', async () => {
    const { pubSub, subscribe, resolved } = fixture();
    const [plain, shouting, partner] = await Promise.all([
      subscribe('alice'),
      subscribe('alice', 'subscription { news(shout: "yes") }'),
      subscribe('alice', 'subscription { news }', ['partner']),
    ]);
    pubSub.publish('NEWS', 'alice', { text: 'hello' });
    expect(parsed(await plain.next())).toEqual({ data: { news: 'hello for alice' } });
    expect(parsed(await shouting.next())).toEqual({ data: { news: 'HELLO' } });
    expect(parsed(await partner.next())).toEqual({ data: { news: 'hello for alice' } });
    expect(resolved()).toBe(3);
    await Promise.all([plain.end(), shouting.end(), partner.end()]);
  });

  it('hands the partial errors of the one execution to every subscriber sharing it', async () => {
    const { pubSub, subscribe } = fixture();
    const [first, second] = await Promise.all([subscribe('alice'), subscribe('alice')]);
    pubSub.publish('NEWS', 'alice', { text: 'partial' });
    for (const result of await Promise.all([first.next(), second.next()])) {
      expect(parsed(result).data).toEqual({ news: 'partial for alice' });
      expect(parsed(result).errors?.map((error) => error.message)).toEqual(['part of it failed']);
    }
    await Promise.all([first.end(), second.end()]);
  });

  it('ends the source stream when the subscription ends, even while waiting for an event', async () => {
    const { subscribe } = fixture();
    const subscription = await subscribe('alice');
    await subscription.end();
    await expect(subscription.ended).resolves.toEqual({ value: undefined, done: true });
  });

  it('answers a subscription that fails at subscribe time with its errors, not a stream', async () => {
    const { subscribe } = fixture();
    await expect(subscribe('alice', 'subscription { news(shout: 1) }')).rejects.toThrow(/errors/);
  });
});
