import { createSourceEventStream, execute, print, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createGraphQLContext, type GraphQLContext } from '../context/graphql-context';
import { takePartialErrors } from '../context/partial-errors';
import type { SubscriberSink } from './subscriber-sinks';
import { serialiseResult, type SerialisedResult } from './subscription-results';

type Delivery = Promise<SerialisedResult> | SerialisedResult;

/** Per event (the one object every subscription receives), the serialised results already made, by sharing key. */
const resultsByEvent = new WeakMap<object, Map<string, Delivery>>();

/** Each document printed once, however many subscriptions share it (the guard hands the same parsed document to each). */
const printed = new WeakMap<DocumentNode, string>();

/**
 * The transports' `subscribe`: graphql-js's, except that an event is executed and serialised
 * once for all of a user's subscriptions with the same document, operation and variables, and
 * each result is written straight to the subscriber's socket by its `sink`, framed, without
 * passing back through the transport's own per-message path. Their results can only be equal
 * (resolvers see the caller, the arguments and the event), so a user with many open apps costs
 * one execution and one JSON.stringify per event instead of one per connection. Subscriptions
 * of different users, or of one user with different token scopes, never share.
 *
 * The iterator handed back yields nothing: it stays pending while the subscription lives and
 * ends (the transport then sends `complete`) when the source ends, or fails as the source fails.
 */
export async function subscribeSharingExecutions(
  args: ExecutionArgs,
  sink: SubscriberSink,
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const context = args.contextValue as GraphQLContext;
  const run = async (event: unknown) => serialiseResult(context.logger, await executeEvent(args, context, event));
  const user = context.user;
  if (!user) return pushEach(source, run, sink);
  let document = printed.get(args.document);
  if (document === undefined) printed.set(args.document, (document = print(args.document)));
  // The caller as resolvers could see it (id and scopes), then the operation.
  const key = JSON.stringify([user.id, [...user.scopes].sort(), args.operationName ?? null, args.variableValues ?? {}, document]);
  return pushEach(
    source,
    (event) => {
      if (typeof event !== 'object' || event === null) return run(event);
      let results = resultsByEvent.get(event);
      if (!results) resultsByEvent.set(event, (results = new Map<string, Delivery>()));
      let result = results.get(key);
      if (!result) results.set(key, (result = run(event)));
      return result;
    },
    sink,
  );
}

/** Each event's result to the sink, in order, until the source ends; `return` (the client went) ends the source. */
function pushEach(
  source: AsyncIterable<unknown>,
  resultOf: (event: unknown) => Delivery,
  sink: SubscriberSink,
): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        const next = await events.next();
        if (next.done) return done();
        sink.write(await resultOf(next.value));
      }
    },
    async return() {
      await events.return?.();
      return done();
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
  };
}

/**
 * One result, carrying the partial errors its resolvers recorded, since every sharer sends it.
 * Each event gets fresh DataLoaders: a subscription lives for hours, and its loaders' cache
 * would answer every later event with what the first one read.
 */
async function executeEvent(args: ExecutionArgs, context: GraphQLContext, event: unknown): Promise<ExecutionResult> {
  const { requestId, user, clientAddress, logger, services, pubSub } = context;
  const eventContext = createGraphQLContext({ requestId, user, clientAddress, logger, services, pubSub });
  const result = await execute({ ...args, rootValue: event, contextValue: eventContext });
  const partial = takePartialErrors(eventContext);
  return partial.length === 0 ? result : { ...result, errors: [...(result.errors ?? []), ...partial] };
}
