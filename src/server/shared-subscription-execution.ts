import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createGraphQLContext, type GraphQLContext } from '../context/graphql-context';
import { takePartialErrors } from '../context/partial-errors';

type Execution = Promise<ExecutionResult> | ExecutionResult;

/** Per event (the one object every subscription receives), the executions already made, by sharing key. */
const executionsByEvent = new WeakMap<object, Map<string, Execution>>();

/**
 * graphql-ws's `subscribe`: graphql-js's, except that an event is executed once for all of a
 * user's subscriptions with the same document, operation and variables. Their results can
 * only be equal (resolvers see the caller, the arguments and the event), so a user with many
 * open apps costs one execution per event instead of one per connection. Subscriptions of
 * different users, or of one user with different token scopes, never share.
 */
export async function subscribeSharingExecutions(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const context = args.contextValue as GraphQLContext;
  const run = (event: unknown) => executeEvent(args, context, event);
  const user = context.user;
  if (!user) return mapEvents(source, run);
  // The caller as resolvers could see it (id and scopes), then the operation.
  const key = JSON.stringify([
    user.id,
    [...user.scopes].sort(),
    args.operationName ?? null,
    args.variableValues ?? {},
    print(args.document),
  ]);
  return mapEvents(source, (event) => {
    if (typeof event !== 'object' || event === null) return run(event);
    let executions = executionsByEvent.get(event);
    if (!executions) executionsByEvent.set(event, (executions = new Map<string, Execution>()));
    let execution = executions.get(key);
    if (!execution) executions.set(key, (execution = run(event)));
    return execution;
  });
}

/**
 * Each event through `execute`, ending the source when the subscription ends. A plain iterator:
 * it runs once per subscriber per event, where a Repeater's bookkeeping costs more than the mapping.
 */
function mapEvents(source: AsyncIterable<unknown>, execute: (event: unknown) => Execution): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const next = await events.next();
      return next.done ? done() : { value: await execute(next.value), done: false };
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
