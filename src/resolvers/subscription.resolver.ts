import { filter } from '@graphql-yoga/subscription';
import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Topic, type ItemStatusChangedEvent, type TransactionsSyncedEvent as SyncedEvent } from '../pubsub/gateway-events';
import { ItemStatusEvent, TransactionsSyncedEvent } from '../schema/subscription-events.type';
import { callerId, type GraphQLContext } from '../context/graphql-context';
import { itemFromSnapshot } from './item-mapping';

type ItemArgs = { itemId?: string | null; after?: string | null };

const AFTER_DESCRIPTION =
  'The `cursor` of the last event seen: every matching event after it is delivered first, oldest first, then live ones.';

/**
 * The caller's own topic, narrowed to one Item when asked, in one of the caller's
 * subscription slots (SUBSCRIPTION_LIMIT when none is free, before anything is read). An
 * Item id that is not the caller's is NOT_FOUND at subscribe time, exactly as in queries.
 * With `after`, the missed events come first.
 */
function subscribeFor<T extends { item: { id: string } }>(
  topic: (typeof Topic)[keyof typeof Topic],
  { args, context }: SubscribeResolverData<unknown, ItemArgs, GraphQLContext>,
) {
  const userId = callerId(context);
  const owner = { userId, connectionId: context.connectionId ?? context.requestId };
  return context.services.subscriptionSlots.hold(owner, async (): Promise<AsyncIterable<T>> => {
    if (args.itemId) await context.services.items.get(userId, args.itemId);
    if (args.after) return (await context.services.events.resume(userId, topic, args.after, args.itemId)) as AsyncIterable<T>;
    const events = context.pubSub.subscribe(topic, userId) as AsyncIterable<T>;
    return args.itemId ? filter((event: T) => event.item.id === args.itemId)(events) : events;
  });
}

@Resolver()
export class SubscriptionResolver {
  @Authorized()
  @Subscription(() => ItemStatusEvent, {
    description: "Pushed whenever one of the user's Items changes status (from webhooks, syncs, relinks or removal).",
    subscribe: (data: SubscribeResolverData<unknown, ItemArgs, GraphQLContext>) =>
      subscribeFor<ItemStatusChangedEvent>(Topic.ItemStatusChanged, data),
  })
  itemStatusChanged(
    @Root() event: ItemStatusChangedEvent,
    @Arg('itemId', () => ID, { nullable: true }) _itemId: string | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
  ): ItemStatusEvent {
    return { ...event, item: itemFromSnapshot(event.item), occurredAt: new Date(event.occurredAt) };
  }

  @Authorized()
  @Subscription(() => TransactionsSyncedEvent, {
    description: "Pushed after a transaction sync of one of the user's Items has committed.",
    subscribe: (data: SubscribeResolverData<unknown, ItemArgs, GraphQLContext>) =>
      subscribeFor<SyncedEvent>(Topic.TransactionsSynced, data),
  })
  transactionsSynced(
    @Root() event: SyncedEvent,
    @Arg('itemId', () => ID, { nullable: true }) _itemId: string | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
  ): TransactionsSyncedEvent {
    return { ...event, item: itemFromSnapshot(event.item), syncedAt: new Date(event.syncedAt) };
  }
}
